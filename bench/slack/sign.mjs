// Writes COUNT Events API requests, each signed the way Slack signs them, one per line:
// timestamp <TAB> X-Slack-Signature <TAB> body. wrk's Lua cannot compute HMAC-SHA256, so the
// benchmark replays these; Slack (and Bolt) accept a timestamp for 5 minutes, which bounds how
// long a file stays usable.
//
// Every event has its own event_id, channel and ts: the bot dedupes by event_id, and a distinct
// channel per event keeps Slack's one-post-per-second-per-channel limit out of the drain, while
// channel + ts lets the fake Web API tie each answer back to exactly one event.
//
// usage: node sign.mjs SECRET PREFIX COUNT OUT
import { createHmac } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const [secret, prefix, countText, out] = process.argv.slice(2);
const count = Number(countText);
// ts is Slack's "seconds.micros" shape with the index as micros, so COUNT stays below a million.
if (!secret || !/^[A-Z0-9]+$/.test(prefix ?? '') || !(count > 0 && count <= 1e6) || !out) {
  console.error('usage: node sign.mjs SECRET PREFIX(A-Z0-9) COUNT(<=1000000) OUT');
  process.exit(2);
}

const timestamp = Math.floor(Date.now() / 1000);
const file = createWriteStream(out);
for (let i = 0; i < count; i++) {
  const n = i.toString().padStart(6, '0');
  const ts = `${timestamp}.${n}`;
  const body = JSON.stringify({
    token: 'bench',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    event: {
      type: 'app_mention',
      user: 'U0ASKER',
      text: '<@U0BOT> is the dashboard usage graph wrong during the upgrade?',
      ts,
      channel: `C${prefix}${n}`,
      event_ts: ts,
    },
    type: 'event_callback',
    event_id: `Ev${prefix}${n}`,
    event_time: timestamp,
    authorizations: [{ enterprise_id: null, team_id: 'T0BENCH', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  if (!file.write(`${timestamp}\t${signature}\t${body}\n`)) {
    await once(file, 'drain');
  }
}
file.end();
await once(file, 'finish');

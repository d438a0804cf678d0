// The peer: the smallest Bolt JS app that does what our events endpoint does before its ack —
// verify Slack's signature, parse the event, acknowledge. `authorize` stands in for a token so
// Bolt does not call auth.test at start (it would fail offline).
//
// usage: SLACK_SIGNING_SECRET=... node bolt-peer.mjs PORT
import bolt from '@slack/bolt';

const { App, HTTPReceiver, LogLevel } = bolt;
const port = Number(process.argv[2]);
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  endpoints: '/api/slack/events',
  logLevel: LogLevel.ERROR,
});
const app = new App({
  receiver,
  authorize: async () => ({ botToken: 'xoxb-bench', botUserId: 'U0BOT', botId: 'B0BOT', teamId: 'T0BENCH' }),
  logLevel: LogLevel.ERROR,
});

// Bolt acknowledges events itself; the listener only has to exist.
app.event('app_mention', async () => {});

await app.start({ port, host: '127.0.0.1' });

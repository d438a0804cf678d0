// A fast stand-in for Slack's Web API on 127.0.0.1: answers auth.test and chat.postMessage like
// Slack does and counts answers per (channel, thread_ts), which sign.mjs makes unique per event,
// so GET /stats tells how many events were answered once and how many more than once.
//
// usage: node fake-slack.mjs PORT
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const answers = new Map();
let posts = 0;
let unkeyed = 0;
let nextTs = 0;

const json = (res, value) => {
  const body = JSON.stringify(value);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
};

createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/stats') {
      let duplicates = 0;
      for (const n of answers.values()) duplicates += n - 1;
      return json(res, { posts, unique: answers.size, duplicates, unkeyed });
    }
    if (req.url === '/api/auth.test') {
      return json(res, { ok: true, url: 'https://bench.slack.com/', team: 'bench', user: 'upgradebot', team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT' });
    }
    if (req.url === '/api/chat.postMessage') {
      posts++;
      let message;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        message = {};
      }
      if (message.channel && message.thread_ts) {
        const key = `${message.channel}|${message.thread_ts}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
      } else {
        unkeyed++;
      }
      return json(res, { ok: true, channel: message.channel, ts: `1800000000.${String(++nextTs).padStart(6, '0')}` });
    }
    json(res, { ok: false, error: 'unknown_method' });
  });
}).listen(port, '127.0.0.1');

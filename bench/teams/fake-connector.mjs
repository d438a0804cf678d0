// A Bot Connector stand-in for bench/teams-throughput.sh: answers every reply POST at once with {"id":"1"}
// on 127.0.0.1, counts them, and keeps the last body so the script can check what the bot really sent.
//   node fake-connector.mjs PORT        GET /stats → {"replies": N, "last": <last body>}; POST /reset zeroes it.
import http from 'node:http';

const port = Number(process.argv[2] ?? 5390);
let replies = 0;
let last = null;

http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method === 'GET' && request.url === '/stats') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ replies, last }));
      return;
    }
    if (request.url === '/reset') {
      replies = 0;
      last = null;
      response.writeHead(204).end();
      return;
    }
    replies++;
    last = Buffer.concat(chunks).toString('utf8');
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"id":"1"}');
  });
}).listen(port, '127.0.0.1');

// Renders every Adaptive Card the bot produced in the xunit run (tests/clients/out/teams/*.json)
// with the official adaptivecards renderer in headless Chromium: no parse or validation events,
// a screenshot of each, and for the first Action.Execute a real click whose verb and data must
// equal what the card carries (what the invoke test sends back to the bot). On a card with a text
// field (the Customer Champions post's note), text typed into it must travel with the buttons
// that take it and stay out of those that do not (associatedInputs "none").
import { createServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cardsDir = join(here, '..', 'out', 'teams');
const shotsDir = join(here, '..', 'out', 'teams-screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const cards = existsSync(cardsDir) ? readdirSync(cardsDir).filter(f => f.endsWith('.json')).sort() : [];
if (cards.length === 0) {
  console.error(`no cards in ${cardsDir}: run the xunit tests first`);
  process.exit(1);
}
mkdirSync(shotsDir, { recursive: true });

const assets = {
  '/adaptivecards.min.js': require.resolve('adaptivecards/dist/adaptivecards.min.js'),
  '/adaptivecards.css': require.resolve('adaptivecards/dist/adaptivecards.css'),
  '/markdown-it.min.js': join(dirname(require.resolve('markdown-it/package.json')), 'dist', 'markdown-it.min.js'),
};
const page = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/adaptivecards.css">
<script src="/markdown-it.min.js"></script><script src="/adaptivecards.min.js"></script></head>
<body style="width:480px;background:#fff"><div id="card"></div></body></html>`;
const server = createServer((req, res) => {
  if (req.url === '/') { res.setHeader('content-type', 'text/html'); res.end(page); return; }
  const file = assets[req.url];
  if (!file) { res.statusCode = 404; res.end(); return; }
  res.setHeader('content-type', req.url.endsWith('.css') ? 'text/css' : 'text/javascript');
  res.end(readFileSync(file));
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'upgradebot-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  // Nothing leaves the machine: only the local page and its scripts load.
  await context.route('**/*', route => route.request().url().startsWith(origin) ? route.continue() : route.abort());
  const tab = await context.newPage();
  await tab.goto(origin);

  for (const name of cards) {
    const json = JSON.parse(readFileSync(join(cardsDir, name), 'utf8'));
    const result = await tab.evaluate(card => {
      const AC = window.AdaptiveCards;
      AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
        result.outputHtml = window.markdownit().render(text);
        result.didProcess = true;
      };
      const adaptiveCard = new AC.AdaptiveCard();
      const context = new AC.SerializationContext();
      adaptiveCard.parse(card, context);
      const events = [];
      for (let i = 0; i < context.eventCount; i++) {
        const e = context.getEventAt(i);
        events.push(`${e.phase}/${e.event}: ${e.message}`);
      }
      const validation = adaptiveCard.validateProperties();
      for (const e of validation.validationEvents) events.push(`${e.phase}/${e.event}: ${e.message}`);
      window.clicked = null;
      adaptiveCard.onExecuteAction = action => {
        window.clicked = { type: action.getJsonTypeName(), verb: action.verb ?? null, data: action.data ?? null };
      };
      const host = document.getElementById('card');
      host.innerHTML = '';
      host.appendChild(adaptiveCard.render());
      const execute = adaptiveCard.getAllActions().find(a => a.getJsonTypeName() === 'Action.Execute');
      return {
        events,
        executeIsSubmitBase: execute ? execute instanceof AC.SubmitActionBase : null,
        text: host.innerText,
      };
    }, json);

    const problems = [...result.events];
    if (/\{\{(DATE|TIME)\(/.test(result.text)) problems.push('DATE/TIME functions were not expanded');
    await tab.locator('#card').screenshot({ path: join(shotsDir, name.replace(/\.json$/, '.png')) });

    const execute = (json.actions ?? []).find(a => a.type === 'Action.Execute');
    if (execute) {
      if (result.executeIsSubmitBase !== true) problems.push('Action.Execute is not a SubmitActionBase: its data would be lost');
      await tab.getByRole('button', { name: execute.title }).click();
      const clicked = await tab.evaluate(() => window.clicked);
      if (!clicked || clicked.type !== 'Action.Execute' || clicked.verb !== execute.verb
        || JSON.stringify(clicked.data) !== JSON.stringify(execute.data)) {
        problems.push(`click yielded ${JSON.stringify(clicked)}, card carries verb ${execute.verb} data ${JSON.stringify(execute.data)}`);
      }
    }

    const inputs = (json.body ?? []).filter(e => e.type === 'Input.Text');
    const executes = (json.actions ?? []).filter(a => a.type === 'Action.Execute');
    if (inputs.length > 0) {
      const typed = 'typed by the check';
      await tab.locator('#card textarea, #card input[type=text]').first().fill(typed);
      for (const action of executes) {
        await tab.getByRole('button', { name: action.title }).click();
        const clicked = await tab.evaluate(() => window.clicked);
        const expected = action.associatedInputs === 'none' ? action.data : { ...action.data, [inputs[0].id]: typed };
        if (!clicked || clicked.verb !== action.verb || JSON.stringify(clicked.data) !== JSON.stringify(expected)) {
          problems.push(`with text typed, ${action.title} yielded ${JSON.stringify(clicked)}, expected data ${JSON.stringify(expected)}`);
        }
      }
    }

    if (problems.length === 0) {
      console.log(`ok card ${name}${execute ? ' (click verified)' : ''}${inputs.length > 0 ? ' (typed note verified)' : ''}`);
    } else {
      failures++;
      console.error(`FAIL card ${name}`);
      for (const p of problems) console.error(`  ${p}`);
    }
  }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`${cards.length - failures} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);

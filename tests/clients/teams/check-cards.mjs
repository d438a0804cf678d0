// Renders every Adaptive Card the bot produced in the xunit run (tests/clients/out/teams/*.json)
// with the official adaptivecards renderer in headless Chromium: no parse or validation events,
// a screenshot of each, and for each Action.Execute (the escalate button, the settings form's save,
// the Customer Champions post's acknowledge and resolve) a real click whose verb and data must equal
// what the card carries, with the values typed and chosen in the card's inputs under their ids
// (what the invoke tests send back to the bot), except for a button that takes no inputs
// (associatedInputs "none": the note beside Resolve stays out of Acknowledge).
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

// The inputs of a card, wherever they sit in its body.
function inputsOf(elements) {
  return (elements ?? []).flatMap(e => [
    ...(e.type?.startsWith('Input.') ? [e] : []),
    ...inputsOf(e.items),
  ]);
}

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

    const executes = (json.actions ?? []).filter(a => a.type === 'Action.Execute');
    const inputs = inputsOf(json.body);
    if (executes.length > 0) {
      if (result.executeIsSubmitBase !== true) problems.push('Action.Execute is not a SubmitActionBase: its data would be lost');
      const typed = {};
      for (const input of inputs) {
        const field = tab.getByLabel(input.label, { exact: false });
        if (input.type === 'Input.ChoiceSet') {
          typed[input.id] = input.choices.at(-1).value;
          await field.selectOption(typed[input.id]);
        } else {
          typed[input.id] = input.style === 'Email' ? 'checked@example.com' : 'checked-value';
          await field.fill(typed[input.id]);
        }
      }
      // Each button, with every input filled in: its verb and data, plus the inputs' values unless it takes none.
      for (const action of executes) {
        await tab.getByRole('button', { name: action.title }).click();
        const clicked = await tab.evaluate(() => window.clicked);
        const expected = action.associatedInputs === 'none' ? { ...action.data } : { ...action.data, ...typed };
        const sorted = data => JSON.stringify(Object.fromEntries(Object.entries(data ?? {}).sort()));
        if (!clicked || clicked.type !== 'Action.Execute' || clicked.verb !== action.verb || sorted(clicked.data) !== sorted(expected)) {
          problems.push(`${action.title} yielded ${JSON.stringify(clicked)}, expected verb ${action.verb} data ${JSON.stringify(expected)}`);
        }
      }
    }

    if (problems.length === 0) {
      const clickedWith = inputs.length > 0 ? ` with ${inputs.length} inputs filled in` : '';
      console.log(`ok card ${name}${executes.length > 0 ? ` (${executes.map(a => a.verb).join(', ')} clicks verified${clickedWith})` : ''}`);
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

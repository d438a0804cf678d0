// Drives the playground page of a running bot (its address the first argument) in headless Chromium with every
// request to anything but the bot blocked: a question in each chat answered with an escalate button,
// the click giving a UPG- reference, both escalations in the Customer Champions pane, and a
// `started` announcement drawn in both styles. Ends with a screenshot of the page.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const pageUrl = process.argv[2];
if (!pageUrl) {
  console.error('usage: node check-playground.mjs http://127.0.0.1:5000/playground (the playground page of a running bot)');
  process.exit(2);
}
const origin = new URL(pageUrl).origin;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshot = process.env.PLAYGROUND_SCREENSHOT ?? join(here, '..', 'out', 'playground', 'playground.png');
const question = 'the usage graph on the dashboard looks wrong';
const reference = /UPG-\d{8}-\d{4}/;
// A reader far from the bot's calendar zone: times must be drawn in this one.
const readerZone = 'Pacific/Auckland';

const blocked = [];
const errors = [];

async function until(what, probe, limitMs = 30000) {
  const deadline = Date.now() + limitMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok) return last;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not seen within ${limitMs / 1000} s; last seen: ${JSON.stringify(last?.seen ?? null).slice(0, 2000)}`);
}

const textMatching = (locator, pattern, what) =>
  until(what, async () => {
    const seen = await locator.innerText();
    return { ok: pattern.test(seen), seen };
  });

const profile = mkdtempSync(join(tmpdir(), 'upgradebot-playground-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  timezoneId: readerZone,
  viewport: { width: 1400, height: 1300 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const tab = context.pages()[0] ?? await context.newPage();
  tab.on('console', m => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  tab.on('pageerror', e => errors.push(`page: ${e.message}`));
  tab.setDefaultTimeout(30000);

  await tab.goto(pageUrl);
  await tab.waitForSelector('body[data-ready="true"]');
  console.log('ok page ready: both announcement channels subscribed');

  for (const pane of ['teams', 'slack']) {
    await tab.getByTestId(`${pane}-input`).fill(question);
    await tab.getByTestId(`${pane}-send`).click();
  }
  for (const pane of ['teams', 'slack']) {
    const messages = tab.getByTestId(`${pane}-messages`);
    const escalate = messages.getByRole('button', { name: 'Escalate to Customer Champions' });
    await escalate.waitFor();
    console.log(`ok ${pane}: answer with an escalate button`);
    await escalate.click();
    const seen = await textMatching(messages, reference, `${pane}: a ${reference} reference after the click`);
    console.log(`ok ${pane}: escalated as ${reference.exec(seen.seen)[0]}`);
  }

  for (const style of ['teams', 'slack']) {
    await textMatching(tab.getByTestId(`champions-${style}`), /Escalation UPG-|New escalation UPG-/, `champions (${style}): an escalation post`);
    console.log(`ok champions: escalation post in the ${style} style`);
  }

  await tab.getByTestId('announce-started').click();
  await textMatching(tab.getByTestId('announcements-teams'), /Upgrade in progress/, 'announcements (teams): the started post');
  await textMatching(tab.getByTestId('announcements-slack'), /Upgrade in progress/, 'announcements (slack): the started post');
  const drawn = await tab.evaluate(() => ({
    teamsCard: document.querySelector('[data-testid="announcements-teams"] .ac-adaptiveCard') !== null,
    slackHeader: [...document.querySelectorAll('[data-testid="announcements-slack"] .slack-header')].some(h => h.textContent.startsWith('Upgrade in progress')),
  }));
  if (!drawn.teamsCard || !drawn.slackHeader) throw new Error(`started post not drawn in both styles: ${JSON.stringify(drawn)}`);
  console.log('ok announcements: started post as an Adaptive Card and as Block Kit');

  const page = await tab.locator('main').innerText();
  if (/\{\{(DATE|TIME)\(/.test(page)) throw new Error('Adaptive Card DATE/TIME functions were not expanded');
  if (/<!date\^/.test(page)) throw new Error('Slack <!date^…> tokens were not formatted');
  const status = await tab.getByTestId('status').innerText();
  if (!status.includes(readerZone)) throw new Error(`the page does not read times in the reader's zone: "${status}"`);
  console.log(`ok times drawn for a reader in ${readerZone}`);

  // For the picture: each chat shows the question and its answer, the way a reader would scroll to them.
  await tab.evaluate(() => {
    for (const pane of ['teams-messages', 'slack-messages']) {
      const messages = document.querySelector(`[data-testid="${pane}"]`);
      const asked = [...messages.querySelectorAll('.from-user')].pop();
      if (asked) messages.scrollTop = asked.offsetTop - messages.offsetTop - 8;
    }
  });
  mkdirSync(dirname(screenshot), { recursive: true });
  await tab.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} catch (e) {
  failed = true;
  console.error(`FAIL ${e.message}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

if (blocked.length > 0) {
  failed = true;
  console.error(`FAIL the page asked for something other than the bot:\n  ${blocked.join('\n  ')}`);
}
if (errors.length > 0) {
  failed = true;
  console.error(`FAIL errors in the page:\n  ${errors.join('\n  ')}`);
}
process.exit(failed ? 1 : 0);

// Goes through "Add to Slack" the way a customer's admin does, in Chromium from Debian: opens the
// bot's install page, clicks "Add to Slack", approves on the (fake) Slack authorize page and lands
// on the bot's success page. Every request that does not go to 127.0.0.1 is blocked. Prints what it
// saw as one JSON object for the xunit test that started the bot and the fake (InstallBrowserTests),
// and keeps a screenshot of each page in tests/clients/out/slack-install/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const origin = process.env.BOT_ORIGIN;
if (!origin) {
  console.error('BOT_ORIGIN (the bot, e.g. http://127.0.0.1:5000) is not set: run this from InstallBrowserTests');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(here, '..', 'out', 'slack-install');
mkdirSync(shots, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'upgradebot-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const seen = { blocked: [], pages: [] };
try {
  // Nothing leaves the machine: the bot and the fake Slack both listen on 127.0.0.1.
  await context.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    seen.blocked.push(url.origin);
    return route.abort();
  });
  const tab = context.pages()[0] ?? await context.newPage();
  tab.setDefaultTimeout(15000);
  const cookieOf = async () => (await context.cookies(`${origin}/api/slack/oauth_redirect`)).find(c => c.name === 'upgradebot_slack_state') ?? null;

  await tab.goto(`${origin}/api/slack/install`);
  const add = tab.getByTestId('add-to-slack');
  await add.waitFor();
  await tab.screenshot({ path: join(shots, '1-install-page.png'), fullPage: true });
  seen.pages.push({ step: 'install', title: await tab.title(), url: tab.url() });
  const cookie = await cookieOf();
  seen.cookie = cookie && { httpOnly: cookie.httpOnly, sameSite: cookie.sameSite, secure: cookie.secure, path: cookie.path };
  seen.cookieVisibleToScript = (await tab.evaluate(() => document.cookie)).includes('upgradebot_slack_state');

  await add.click();
  const approve = tab.getByTestId('approve');
  await approve.waitFor();
  await tab.screenshot({ path: join(shots, '2-slack-authorize.png'), fullPage: true });
  seen.pages.push({ step: 'authorize', title: await tab.title(), url: tab.url() });

  await approve.click();
  const success = tab.getByTestId('install-success');
  await success.waitFor();
  await tab.screenshot({ path: join(shots, '3-installed.png'), fullPage: true });
  seen.pages.push({ step: 'installed', title: await tab.title(), url: new URL(tab.url()).pathname });
  seen.success = { workspace: await tab.getByTestId('workspace').innerText(), text: await success.innerText() };
  seen.cookieAfter = (await cookieOf()) !== null;
} catch (error) {
  seen.error = String(error?.message ?? error);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(seen));
process.exit(seen.error ? 1 : 0);

// Type-checks every Block Kit payload the .NET tests saved in ../out/slack against @slack/types.
// Each block becomes an object literal typed as KnownBlock in a generated .ts file: importing
// the JSON instead would widen every "type" to string, and the catch-all Block type accepts
// anything with a string type, so invalid blocks would pass (see ../../../shared TESTING.md).
// A view (views.open, views.publish, a view_submission's answer: the settings and resolve modals,
// the Home tab) is typed whole, as the HomeView or ModalView its type says, so its title and submit
// are checked too; its blocks are narrowed to KnownBlock, because the views' own AnyBlock[] would
// again accept any object with a type. A modal's title length, which the types cannot say, is
// checked here. A deliberately broken block and broken views are checked too, so a check that
// catches nothing fails loudly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const payloads = join(here, '..', 'out', 'slack');
const generated = join(here, 'generated');
const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
const header = "import type { HomeView, KnownBlock, ModalView } from '@slack/types';\n"
  + 'type Home = HomeView & { blocks: KnownBlock[] };\ntype Modal = ModalView & { blocks: KnownBlock[] };\n\n';
const viewTypes = { home: 'Home', modal: 'Modal' };

function typeCheck(file) {
  try {
    execFileSync(process.execPath, [tsc, '--strict', '--noEmit', '--target', 'es2022', '--module', 'nodenext', '--skipLibCheck', 'false', file], { cwd: here, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (e) {
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

const files = readdirSync(payloads).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`No payloads in ${payloads}: run the .NET Slack tests first.`);
  process.exit(1);
}

const problems = [];
let source = header;
let blocks = 0;
let messages = 0;
let views = 0;
for (const file of files) {
  const payload = JSON.parse(readFileSync(join(payloads, file), 'utf8'));
  if (file.startsWith('view-')) {
    const type = viewTypes[payload.type];
    if (!type) {
      problems.push(`${file}: not a home or modal view`);
      continue;
    }
    if (!Array.isArray(payload.blocks) || payload.blocks.length > 100) {
      problems.push(`${file}: a view has at most 100 blocks`);
      continue;
    }
    if (payload.type === 'modal' && (typeof payload.title?.text !== 'string' || payload.title.text.length > 24)) {
      problems.push(`${file}: a modal's title is plain text of at most 24 characters`);
    }
    views++;
    blocks += payload.blocks.length;
    source += `// ${file}\nexport const v${views}: ${type} = ${JSON.stringify(payload, null, 2)};\n`;
    continue;
  }
  if (typeof payload.text !== 'string' || payload.text.trim() === '') {
    problems.push(`${file}: no text fallback`);
  }
  if (!Array.isArray(payload.blocks) || payload.blocks.length === 0 || payload.blocks.length > 50) {
    problems.push(`${file}: blocks must be a list of 1 to 50`);
    continue;
  }
  source += `// ${file}\n`;
  messages++;
  payload.blocks.forEach((block, i) => {
    blocks++;
    source += `export const m${messages}_${i}: KnownBlock = ${JSON.stringify(block, null, 2)};\n`;
  });
}

mkdirSync(generated, { recursive: true });
const real = join(generated, 'payloads.ts');
writeFileSync(real, source);
const result = typeCheck(real);
if (!result.ok) {
  problems.push(`tsc --strict found invalid blocks:\n${result.output}`);
}

const broken = join(generated, 'self-check.ts');
// One deliberately broken payload per line: tsc must report every one of those lines.
const brokenOnes = [
  ['a button without text', `export const b1: KnownBlock = { type: 'actions', elements: [{ type: 'button', action_id: 'x' }] };`],
  ['a modal without a title', `export const b2: Modal = { type: 'modal', blocks: [] };`],
  ['a home view with an input block without a label', `export const b3: Home = { type: 'home', blocks: [{ type: 'input', element: { type: 'plain_text_input', action_id: 'x' } }] };`],
  ['a modal typed as a home view', `export const b4: Home = { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] };`],
  ['a modal with a button as an input', `export const b5: Modal = { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [{ type: 'input', label: { type: 'plain_text', text: 'x' }, element: { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'x' } } }] };`],
];
const headerLines = header.split('\n').length - 1;
writeFileSync(broken, header + brokenOnes.map(([, code]) => code).join('\n') + '\n');
const selfCheck = typeCheck(broken);
brokenOnes.forEach(([what], i) => {
  if (!selfCheck.output.includes(`self-check.ts(${headerLines + i + 1},`)) {
    problems.push(`self-check: ${what} passed, so this check would catch nothing`);
  }
});

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${messages} messages and ${views} views, ${blocks} blocks, every block a valid KnownBlock and every view a valid HomeView or ModalView`);

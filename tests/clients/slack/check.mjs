// Type-checks every Block Kit payload the .NET tests saved in ../out/slack against @slack/types.
// Each block of a message becomes an object literal typed as KnownBlock, and each modal (views.open,
// a form's answer) one typed as ModalView, in a generated .ts file: importing the JSON instead would
// widen every "type" to string, and the catch-all Block type accepts anything with a string type,
// so invalid blocks would pass (see ../../../shared TESTING.md). A deliberately broken block and a
// broken modal are checked too, so a check that catches nothing fails loudly.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const payloads = join(here, '..', 'out', 'slack');
const generated = join(here, 'generated');
const tsc = join(here, 'node_modules', 'typescript', 'bin', 'tsc');
const header = "import type { KnownBlock, ModalView } from '@slack/types';\n\n";

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
  if (payload.type === 'modal') {
    if (typeof payload.title?.text !== 'string' || payload.title.text.length > 24) {
      problems.push(`${file}: a modal's title is plain text of at most 24 characters`);
    }
    source += `// ${file}\nexport const v${++views}: ModalView = ${JSON.stringify(payload, null, 2)};\n`;
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
writeFileSync(broken, `${header}export const buttonWithoutText: KnownBlock = { type: 'actions', elements: [{ type: 'button', action_id: 'x' }] };\n`);
if (typeCheck(broken).ok) {
  problems.push('self-check: a button without text passed, so this check would catch nothing');
}
writeFileSync(broken, `${header}export const modalWithoutTitle: ModalView = { type: 'modal', blocks: [] };\n`);
if (typeCheck(broken).ok) {
  problems.push('self-check: a modal without a title passed, so this check would catch nothing');
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${messages} messages, ${blocks} blocks, every block a valid KnownBlock; ${views} modals, each a valid ModalView`);

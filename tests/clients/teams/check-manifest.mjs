// Validates the manifest the bot's packager wrote (tests/clients/out/teams-manifest.json, from the
// xunit run) against the official Teams schema shipped in @microsoft/app-manifest (draft-04).
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const produced = join(here, '..', 'out', 'teams-manifest.json');
const committed = join(here, '..', '..', '..', 'manifests', 'teams', 'manifest.json');

let failures = 0;
for (const file of [produced, committed]) {
  if (!existsSync(file)) {
    console.error(`missing ${file}: run the xunit tests first`);
    failures++;
    continue;
  }
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const schemaDir = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams', `v${manifest.manifestVersion}`);
  const schema = JSON.parse(readFileSync(join(schemaDir, 'MicrosoftTeams.schema.json'), 'utf8'));
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) {
    console.log(`ok manifest ${file} (schema v${manifest.manifestVersion})`);
  } else {
    failures++;
    console.error(`FAIL manifest ${file}`);
    for (const error of validate.errors) console.error(`  ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  }
}
process.exit(failures === 0 ? 0 : 1);

// Writes the SYNTHETIC name-server logs of the 2016 case: npx tsx data/cases/2016-mail1-trump-email/generate.ts [seed]
// test/unit/case checks that the committed files equal this output for the default seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateCase2016Lookups } from '../../../server/src/importers/case/synthetic-lookups.ts';

const seed = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const dir = new URL('./logs/', import.meta.url);
mkdirSync(dir, { recursive: true });
const { files, summary } = generateCase2016Lookups(seed);
for (const f of files) writeFileSync(new URL(f.name, dir), f.text);
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);

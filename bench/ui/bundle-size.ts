// Shipped JavaScript, gzipped: the app (index.html and every chunk it imports, eagerly or lazily)
// against its 400 KB budget, and the GraphQL IDE (everything else) reported apart.
// Run after `npx vite build client`: npx tsx bench/ui/bundle-size.ts
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = path.resolve(import.meta.dirname, '../../client/dist');
type Chunk = { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean };
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;

function closure(entry: string, lazy: boolean): Set<string> {
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k) || !manifest[k]) return;
    seen.add(k);
    for (const i of manifest[k].imports ?? []) walk(i);
    if (lazy) for (const i of manifest[k].dynamicImports ?? []) walk(i);
  };
  walk(entry);
  return new Set([...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js')));
}

const gz = (f: string) => gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length;
const sum = (files: Iterable<string>) => [...files].reduce((a, f) => a + gz(f), 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const initial = closure('index.html', false);
const app = closure('index.html', true);
const allJs = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
const ide = allJs.filter((f) => !app.has(f));

const result = {
  appInitialGz: sum(initial), appTotalGz: sum(app), ideTotalGz: sum(ide), budgetGz: 400 * 1024,
  appFiles: [...app].map((f) => ({ file: f, gz: gz(f), lazy: !initial.has(f) })),
};
console.log(`app, first load   ${kb(result.appInitialGz)} gz (${initial.size} files)`);
console.log(`app, with lazy    ${kb(result.appTotalGz)} gz (${app.size} files; budget 400 KB) ${result.appTotalGz <= result.budgetGz ? 'OK' : 'OVER'}`);
for (const f of result.appFiles) console.log(`  ${f.file.padEnd(40)} ${kb(f.gz).padStart(10)}${f.lazy ? '  (lazy)' : ''}`);
console.log(`GraphQL IDE       ${kb(result.ideTotalGz)} gz (${ide.length} files, loaded only by /graphql in a browser)`);
if (process.argv.includes('--json')) console.log(JSON.stringify(result));

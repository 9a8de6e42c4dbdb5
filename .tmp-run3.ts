import { readFileSync } from 'node:fs';
import { createPassiveDnsParser } from './server/src/importers/passive-dns/index.ts';
for (const f of process.argv.slice(2)) {
const p = createPassiveDnsParser({});
const sink = { query() {}, passive: (e: any) => console.log('P', JSON.stringify(e)), entity() {}, edge() {}, reject: (r: number, m: string) => console.log('REJ', r, m), note: (m: string) => console.log('NOTE', m) };
readFileSync(f, 'utf8').split('\n').forEach((l, i) => p.line(l, i + 1, sink));
p.end(sink);
}

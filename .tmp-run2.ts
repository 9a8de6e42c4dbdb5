import { readFileSync } from 'node:fs';
import { createDnstapParser } from './server/src/importers/dnstap/index.ts';
const p = createDnstapParser({});
const sink = { query: (e: any) => console.log('Q', JSON.stringify(e)), passive() {}, entity() {}, edge() {}, reject: (r: number, m: string) => console.log('REJ', r, m), note: (m: string) => console.log('NOTE', m) };
const b = readFileSync('/work/shared/conformance/dnstap/go-dnscollector__dnstap.fstrm');
for (let i = 0; i < b.length; i += 5) p.chunk(b.subarray(i, i + 5), sink);
p.end(sink); console.log(p.stats());

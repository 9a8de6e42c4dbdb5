import { readFileSync } from 'node:fs';
import { createPcapParser } from './server/src/importers/pcap/index.ts';
for (const f of process.argv.slice(2)) {
  const p = createPcapParser({ fileName: f });
  const sink = { query: (e: any) => console.log('Q', JSON.stringify(e)), passive() {}, entity() {}, edge() {}, reject: (r: number, m: string) => console.log('REJ', r, m), note: (m: string) => console.log('NOTE', m) };
  const b = readFileSync(f);
  for (let i = 0; i < b.length; i += 7) p.chunk(b.subarray(i, i + 7), sink);
  p.end(sink);
  console.log(JSON.stringify(p.stats()));
}

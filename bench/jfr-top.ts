// Where a JVM's CPU went, from a Java Flight Recorder file (bench/next-day-snapshot.sh with JFR=…):
// the share of execution samples per method on top of the stack (self) and anywhere in it
// (inclusive), for the methods matching --match.
//   npx tsx bench/jfr-top.ts bench/out/next-day.jfr [--top 25] [--match 'commit|createCommands|applyToStore|appendToLog|IndexSeek']
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../server/src/config.ts';
import { createLogger } from '../server/src/logger.ts';
import { embeddedOptions } from '../server/src/db/connect.ts';
import { resolveJava } from '../server/src/db/embedded/java.ts';

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '25' }, match: { type: 'string', default: 'Committer.commit|createCommands|applyToStore|appendToLog|EagerSlottedPipe.internalCreateResults|nodeLockingUniqueIndexSeek|relationshipIndexSeek|IndexingService.apply' } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file || !existsSync(file)) throw new Error('usage: jfr-top.ts <file.jfr>');
// The jfr tool of the JDK the embedded Neo4j runs on (the one that wrote the recording).
const java = await resolveJava(embeddedOptions(config(), createLogger('warn')));
const jfr = path.join(path.dirname(realpathSync(java.bin)), 'jfr');
const text = execFileSync(jfr, ['print', '--events', 'jdk.ExecutionSample', '--stack-depth', '64', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
const frame = /^\s+([\w.$<>]+)\(/gm;
const self = new Map<string, number>(), incl = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
let n = 0;
for (const ev of text.split('jdk.ExecutionSample').slice(1)) {
  const frames = [...ev.matchAll(frame)].map((m) => m[1]);
  if (!frames.length) continue;
  n++;
  bump(self, frames[0]);
  for (const f of new Set(frames)) bump(incl, f);
}
const pct = (c: number) => `${((100 * c) / n).toFixed(1).padStart(5)} %`;
console.log(`${n} execution samples`);
console.log('on top of the stack:');
for (const [f, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${pct(c)}  ${f}`);
console.log(`anywhere in the stack (matching ${values.match}):`);
const rx = new RegExp(values.match!);
for (const [f, c] of [...incl].sort((a, b) => b[1] - a[1]).filter(([f]) => rx.test(f))) console.log(`  ${pct(c)}  ${f}`);

// Parse rate of the security-sensor, server and cloud DNS formats on generated files, one core:
// the importer's line reader, the format's parser, and the importer's Aggregator (as an import
// does before writing), each file generated first if absent. Besides wall time it reports CPU
// time (process.cpuUsage, user + system): on a shared machine wall time mostly measures the queue.
//   npx tsx bench/sensor-parse.ts [records=1000000] [format ...]
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FORMATS } from '../server/src/importers/formats.ts';
import { forEachLine } from '../server/src/importers/pipeline/read-input.ts';
import { Aggregator } from '../server/src/importers/pipeline/aggregate.ts';
import { generateSensor, SENSOR_FORMATS, type SensorFormat } from './gen/dns-sensor-gen.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const formats = (process.argv.length > 3 ? process.argv.slice(3) : SENSOR_FORMATS) as SensorFormat[];

for (const fmt of formats) {
  const file = `bench/out/${fmt}-${n}.log`;
  if (!existsSync(file)) await generateSensor(fmt, n, 1, file);
  const spec = FORMATS[fmt];
  if (spec.mode !== 'line') throw new Error(`${fmt} is not line-oriented`);
  const spill = mkdtempSync(path.join(tmpdir(), 'sensor-bench-'));
  let rejects = 0;
  const agg = new Aggregator({ flushAt: 1 << 30, spillDir: spill, onChunk: () => {}, onReject: () => { rejects++; } });
  const parser = spec.create({ fileName: file });
  const t0 = performance.now();
  await agg.open();
  const c0 = process.cpuUsage();
  const { lines } = await forEachLine(createReadStream(file, { highWaterMark: 1 << 20 }), 0, 0, (l, no) => parser.line(l, no, agg), async () => {}, true);
  parser.end(agg);
  await agg.finish();
  let pairs = 0;
  for await (const _ of agg.lookups()) pairs++;
  await agg.cleanup();
  const s = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6;
  rmSync(spill, { recursive: true, force: true });
  console.log(JSON.stringify({ format: fmt, lines, records: agg.counters.events, entities: agg.counters.entities, edges: agg.counters.edges, rejects, lookupPairs: pairs, seconds: +s.toFixed(2), linesPerSec: Math.round(lines / s), cpuSeconds: +cpu.toFixed(2), linesPerCpuSec: Math.round(lines / cpu) }));
}

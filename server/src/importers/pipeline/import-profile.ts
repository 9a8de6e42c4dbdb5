// INFRAGRAPH_PROFILE_IMPORT: where an import's time went, printed to stderr at its end.
import type { LayerWriter } from './layer-writer.ts';

export function printProfile(writer: LayerWriter, t0: number, out: NodeJS.WritableStream = process.stderr): void {
  for (const [k, at] of writer.marks) out.write(`profile at ${((at - t0) / 1000).toFixed(1)} s: ${k}\n`);
  for (const [k, v] of writer.timings) out.write(`profile ${k}: ${v.rows} rows in ${(v.ms / 1000).toFixed(1)} s (${Math.round(v.rows / Math.max(0.001, v.ms / 1000))} rows/s)\n`);
}

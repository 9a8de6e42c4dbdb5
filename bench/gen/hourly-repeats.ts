// A Zeek dns.log for one hour in which the same client–name pairs look up again: pair i is client
// 10.1.x.y (i % 2000) asking for h<i>.example<i % 97>.com once, at times of that hour. Files of
// successive hours are different sources with the same pairs, as hourly-rotated logs are: each
// adds one provenance slot to every pair's lookup edge (bench/slot-growth.ts and its test).
import { writeFileSync } from 'node:fs';
import { zeekHeader } from './dns-log-gen.ts';

const T0 = Date.UTC(2024, 0, 1) / 1000;

export function writeHourlyRepeats(file: string, pairs: number, hour: number): string {
  const lines: string[] = [zeekHeader()];
  for (let i = 0; i < pairs; i++) {
    const c = i % 2000;
    const ts = (T0 + hour * 3600 + (i % 3600) + 0.25).toFixed(6);
    lines.push(`${ts}\tC${i}\t10.1.${c >> 8}.${c & 255}\t40000\t10.0.0.53\t53\tudp\t${i % 65536}\t0.0001\th${i}.example${i % 97}.com\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\t-\t-\tF\n`);
  }
  writeFileSync(file, lines.join(''));
  return file;
}

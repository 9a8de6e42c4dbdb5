// `--format auto` on every registry, pcap and dnstap file of the conformance corpus (the DNS-log
// folders are checked in importers-text). Peer expectations (*.json beside WHOIS answers) and
// dnstap tool renderings are not importable and must not be taken for a format.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../server/src/importers/detect-format.ts';
import { CONFORMANCE_DIR, conformanceFile, hasConformance } from '../../support/conformance.ts';

function expected(dir: string, f: string): string | null {
  if (dir === 'whois') return f.endsWith('.txt') ? 'whois' : null;
  if (dir === 'rdap') return f.startsWith('ipwhois') || f.endsWith('.json') ? 'rdap' : null;
  if (dir === 'pcap') return 'pcap';
  if (dir === 'dnstap') return /\.(fstrm|dnstap|saved)$/.test(f) ? 'dnstap' : null;
  if (dir === 'asn_ip') return f === 'ipwhois__tests_whois.json' ? 'ipwhois' : 'rdap';
  throw new Error(dir);
}

describe.skipIf(!hasConformance)('format detection on registry and binary conformance files', () => {
  for (const dir of ['whois', 'rdap', 'pcap', 'dnstap', 'asn_ip']) {
    it(dir, () => {
      const files = readdirSync(`${CONFORMANCE_DIR}/${dir}`).sort();
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        expect([f, detectFormat(readFileSync(conformanceFile(`${dir}/${f}`)).subarray(0, 65536), f)]).toEqual([f, expected(dir, f)]);
      }
    });
  }
});

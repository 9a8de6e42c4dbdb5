import { describe, expect, it } from 'vitest';
import { hostName, servedHostNames } from '../../../server/src/http/host-check.ts';

describe('Host check of open loopback mode', () => {
  const names = servedHostNames('127.0.0.1');
  const served = (h: string) => { const n = hostName(h); return n !== undefined && names.has(n); };

  it('serves loopback names with or without a port', () => {
    for (const h of ['localhost', 'localhost:4000', '127.0.0.1:4000', '[::1]', '[::1]:5173', 'LOCALHOST:4000']) expect(served(h), h).toBe(true);
  });

  it('refuses other names, including ones that only start like a loopback name', () => {
    for (const h of ['attacker.example', 'attacker.example:4000', 'localhost.attacker.example', '127.0.0.1.nip.io:4000', '', 'localhost:4000:1', '[::1]x']) expect(served(h), h).toBe(false);
  });

  it('serves the bound host too', () => {
    expect(servedHostNames('::1').has('[::1]')).toBe(true);
  });
});

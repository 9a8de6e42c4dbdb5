// Issue 16: a file read with the wrong --format must not come out as "0 records, 0 rejects".
// Lines a BIND, dnsmasq or unbound parser does not recognise as its own log are rejects with a
// reason; the daemon's own non-query lines (and blank lines) are still skipped without one.
import { describe, expect, it } from 'vitest';
import { createBindParser } from '../../../server/src/importers/bind/bind-querylog.ts';
import { createDnsmasqParser } from '../../../server/src/importers/dnsmasq/dnsmasq-log.ts';
import { createUnboundParser } from '../../../server/src/importers/unbound/unbound-log.ts';
import { feed } from './collect.ts';

const zeek = [
  '#separator \\x09',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\tquery',
  '1462204800.000000\tCabc\t10.0.0.1\t5353\t10.0.0.2\t53\tudp\t1\texample.com',
  '1462204801.000000\tCdef\t10.0.0.1\t5353\t10.0.0.2\t53\tudp\t2\texample.org',
  '',
].join('\n');

describe('unrecognised lines are rejects', () => {
  for (const [name, create] of [['bind', createBindParser], ['dnsmasq', createDnsmasqParser], ['unbound', createUnboundParser]] as const) {
    it(`${name}: a Zeek log gives one reject per line, each with a reason`, () => {
      const c = feed(create({ year: 2016 }), zeek);
      expect(c.events).toHaveLength(0);
      expect(c.rejects.map((r) => r.ref)).toEqual([1, 2, 3, 4]);
      for (const r of c.rejects) expect(r.reason).toMatch(/^not an? \w+ (query )?log line/);
    });
  }

  it('own non-query lines and blank lines are still skipped without a reject', () => {
    const bind = feed(createBindParser({ year: 2016 }), 'Mar  9 23:59:59 ns1 named[123]: zone example.com/IN: loaded serial 1\n\n');
    expect(bind.rejects).toEqual([]);
    const dnsmasq = feed(createDnsmasqParser({ year: 2016 }), 'Mar  9 23:59:59 pi dnsmasq[12]: started, version 2.80\nMar  9 23:59:59 pi dnsmasq-dhcp[12]: DHCPACK\n');
    expect(dnsmasq.rejects).toEqual([]);
    const unbound = feed(createUnboundParser({ year: 2016 }), '[1589990959] unbound[79652:0] notice: init module 0: validator\n');
    expect(unbound.rejects).toEqual([]);
  });
});

// dnstap: the go-dnscollector capture must agree with what dnstap-read (BIND) and golang dnstap
// printed for it (the DERIVED files beside it), field by field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasConformance, conformanceFile } from '../../support/conformance.ts';
import { createDnstapParser, createFrameReader, decodeDnstapFrame, type DnstapRecord } from '../../../server/src/importers/dnstap/index.ts';
import { collector, feedBytes } from '../../support/recording-sink.ts';

const dir = 'dnstap/go-dnscollector__dnstap.fstrm';
const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

/** `05-Jun-2024 18:49:49.590 CQ 172.19.0.1:46390 -> 172.19.0.2:53 UDP 55b www.google.com/IN/A` */
function parseDnstapRead(line: string) {
  const m = /^(\d\d)-(\w{3})-(\d{4}) (\d\d:\d\d:\d\d\.\d{3}) (\w\w) ([\d.]+):(\d+) (->|<-) ([\d.]+):(\d+) (\w+) \d+b ([^/]+)\/IN\/(\w+)$/.exec(line);
  if (!m) throw new Error(`unexpected dnstap-read line: ${line}`);
  return {
    ts: Date.parse(`${m[3]}-${MONTHS[m[2]]}-${m[1]}T${m[4]}Z`), kind: m[5],
    client: m[6], clientPort: Number(m[7]), server: m[9], serverPort: Number(m[10]), proto: m[11].toLowerCase(), qname: m[12], qtype: m[13],
  };
}

function frames(buf: Buffer): DnstapRecord[] {
  const out: DnstapRecord[] = [];
  const c = collector();
  const r = createFrameReader();
  r.push(buf, { data: (f) => { const d = decodeDnstapFrame(f); if (typeof d === 'string') throw new Error(d); out.push(d); }, start: () => {}, stop: () => {} }, c.sink);
  r.end(c.sink);
  expect(c.rejects).toEqual([]);
  return out;
}

describe.skipIf(!hasConformance)('dnstap conformance (go-dnscollector capture vs DERIVED tool output)', () => {
  const raw = () => readFileSync(conformanceFile(dir));
  const textLines = () => readFileSync(conformanceFile(`${dir}__dnstap-read.txt`), 'utf8').trim().split('\n').map(parseDnstapRead);
  const jsonLines = () => readFileSync(conformanceFile(`${dir}__golang-dnstap-j.json`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

  it('each frame agrees with dnstap-read and golang dnstap -j', () => {
    const recs = frames(raw());
    const text = textLines();
    const json = jsonLines();
    expect(recs).toHaveLength(2);
    expect(text).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const r = recs[i];
      const t = text[i];
      const j = json[i];
      expect(r.type).toBe(j.message.type);
      expect(t.kind).toBe(j.message.type === 'CLIENT_QUERY' ? 'CQ' : 'CR');
      expect(r.identity).toBe(j.identity);
      expect([r.client, r.clientPort, r.server, r.serverPort]).toEqual([t.client, t.clientPort, t.server, t.serverPort]);
      expect([r.client, r.clientPort, r.server, r.serverPort]).toEqual([
        j.message.query_address, j.message.query_port, j.message.response_address, j.message.response_port]);
      expect(r.proto).toBe(t.proto);
      expect(r.dns!.qname).toBe(t.qname);
      expect(r.dns!.qtype).toBe(t.qtype);
      // dnstap-read prints milliseconds; golang dnstap prints nanoseconds, which we truncate to ms.
      expect(r.ts).toBe(t.ts);
      const iso: string = j.message.query_time ?? j.message.response_time;
      expect(r.ts).toBe(Date.parse(iso.replace(/(\.\d{3})\d+Z$/, '$1Z')));
      const id = /id: (\d+)/.exec(j.message.query_message ?? j.message.response_message)![1];
      expect(r.dns!.id).toBe(Number(id));
    }
  });

  it('the CQ/CR pair folds into one event whose answers are the ANSWER SECTION of both tools', () => {
    const p = createDnstapParser({ fileName: 'dnstap.fstrm' });
    const c = feedBytes(p, raw(), 5);
    const t = textLines();
    const j = jsonLines();
    const answerLines: string[] = j[1].message.response_message.split('\n;; ANSWER SECTION:\n')[1].trim().split('\n');
    const fromJson = answerLines.map((l) => {
      const [name, ttl, , type, value] = l.split('\t');
      return { name: name.replace(/\.$/, ''), type, value, ttl: Number(ttl) };
    });
    const yamlAnswers = [...readFileSync(conformanceFile(`${dir}__dnstap-read-y.yaml`), 'utf8').matchAll(/^ {6}- '(\S+)\. (\d+) IN (\w+) (\S+)'$/gm)]
      .map((m) => ({ name: m[1], type: m[3], value: m[4], ttl: Number(m[2]) }));
    expect(fromJson).toEqual(yamlAnswers);
    expect(c.rejects).toEqual([]);
    expect(c.events).toEqual([{
      ts: t[0].ts, client: t[0].client, server: t[0].server, proto: 'udp', ref: 1,
      qname: t[0].qname, qtype: t[0].qtype, rcode: /status: (\w+)/.exec(j[1].message.response_message)![1],
      answers: fromJson,
    }]);
    // Spelled out, so a wrong reading of the derived files cannot hide a wrong parse.
    expect(c.events[0]).toMatchObject({ ts: Date.parse('2024-06-05T18:49:49.590Z'), qname: 'www.google.com', answers: [{ value: '216.58.213.68', ttl: 273 }] });
    expect(p.stats()).toEqual({ frames: 2, messages: 2, rejected: 0, skipped: 0, events: 1 });
    expect(c.notes).toEqual(['dnstap.fstrm: 2 dnstap frames, 2 DNS messages → 1 events; 0 non-message frames skipped, 0 rejected']);
  });

  it('a file cut inside a frame reports the cut; a wrong content type rejects its frames', () => {
    const buf = raw();
    // Frame 1 ends at byte 157 (0x2a: length 0x6f); frame 2 starts there, so 43 bytes of it remain.
    const cut = feedBytes(createDnstapParser({}), buf.subarray(0, 200));
    expect(cut.rejects).toEqual([{ ref: 2, reason: 'Frame Streams file truncated: the last 43 bytes do not form a complete frame' }]);
    expect(cut.events.map((e) => [e.ref, e.qname, e.rcode])).toEqual([[1, 'www.google.com', undefined]]);
    const other = Buffer.from(buf);
    other.write('protobuf:dnstap.Dnstaq', 0x14, 'latin1'); // the START frame's content type
    const wrong = feedBytes(createDnstapParser({}), other);
    expect(wrong.events).toEqual([]);
    expect(wrong.rejects.map((r) => r.ref)).toEqual([1, 2]);
    expect(wrong.rejects[0].reason).toBe('Frame Streams content type is "protobuf:dnstap.Dnstaq", not protobuf:dnstap.Dnstap');
  });
});

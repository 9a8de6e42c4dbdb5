// The byte path of the Zeek TSV parser: plain lines (tab-separated, no escapes, the usual
// unset/empty markers) are read from the input bytes, each field looked up in a cache of its
// normalized value. Any other line, and every line that will be rejected, is handed back
// (read() returns false) for the string path to read with the same result.
// Hot path: nothing here allocates per line except the event, and TTL lists when the sink
// does not share answers.
import type { DnsAnswer, Sink } from '../types.ts';
import type { Normalizer } from '../normalize/name-cache.ts';
import { answersFromKinds, type AnswerStats, type Kind } from './zeek-answers.ts';
import { ByteCache, decimalMs } from '../normalize/byte-cache.ts';
import type { Cols } from './zeek-tsv-header.ts';

/** A cached answers field: its values classified, and the answers last built from them. */
interface AnswerSet { kinds: Kind[]; dropped: number; qname: string; qtype: string | undefined; answers: DnsAnswer[] }

const NO_TTLS: (number | undefined)[] = [];

const dec = (b: Buffer, s: number, e: number) => b.toString('utf8', s, e);
const isUnset = (b: Buffer, s: number, e: number) => e - s === 1 && b[s] === 45; // '-'
const isNone = (b: Buffer, s: number, e: number) => e === s || isUnset(b, s, e) || (e - s === 7 && b[s] === 40 && b.toString('latin1', s, e) === '(empty)');

// Field k of a line is bytes [B[k], B[k + 1] - 1) of the buffer.

/** Milliseconds, NaN when the field is absent or unset, null when it is not a plain decimal. */
function timestamp(buf: Buffer, B: Int32Array, k: number): number | null {
  if (k < 0 || isUnset(buf, B[k], B[k + 1] - 1)) return NaN;
  const ts = decimalMs(buf, B[k], B[k + 1] - 1);
  return ts === ts ? ts : null;
}

function protocol(buf: Buffer, B: Int32Array, k: number): 'udp' | 'tcp' | undefined {
  if (k < 0 || B[k + 1] - 1 - B[k] !== 3) return undefined;
  const p0 = buf[B[k]], p1 = buf[B[k] + 1], p2 = buf[B[k] + 2];
  if (p0 === 117 && p1 === 100 && p2 === 112) return 'udp';
  if (p0 === 116 && p1 === 99 && p2 === 112) return 'tcp';
  return undefined;
}

function ttlList(buf: Buffer, B: Int32Array, k: number): (number | undefined)[] {
  const ttls: (number | undefined)[] = [];
  if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) return ttls;
  for (let s = B[k], i = s, to = B[k + 1] - 1; i <= to; i++) {
    if (i === to || buf[i] === 44) { const ms = decimalMs(buf, s, i); ttls.push(ms === ms ? ms / 1000 : Number(buf.toString('latin1', s, i))); s = i + 1; }
  }
  return ttls;
}

export class ZeekByteReader {
  // Sized for the distinct names of a large log (a few hundred thousand): a cache that keeps
  // clearing would decode and validate the long tail again and again.
  private readonly names: ByteCache<string | null>;
  private readonly ips: ByteCache<string | null>;
  // One cache per column: each remembers its last value, and a column mostly repeats itself.
  private readonly qtypes: ByteCache<string>;
  private readonly rcodes: ByteCache<string>;
  // Whole answer fields are cached, not single values: a name's answer set repeats on every
  // lookup of it (in rotating order for round-robin names, each order its own entry). 64k sets
  // (about 15 MB with their answers): 128k parsed 10M lines 6 % faster for 40 MB more memory.
  private readonly answerSets: ByteCache<AnswerSet>;
  /** Field start offsets of the current line, reused across lines. */
  private offsets = new Int32Array(64);

  constructor(norm: { name: Normalizer; ip: Normalizer }, classify: (v: string) => Kind, private readonly stats: AnswerStats, up: (v: string) => string) {
    this.names = new ByteCache((b, s, e) => norm.name(dec(b, s, e)), 1 << 18, 1 << 23);
    this.ips = new ByteCache((b, s, e) => norm.ip(dec(b, s, e)), 1 << 16, 1 << 20);
    this.qtypes = new ByteCache((b, s, e) => up(dec(b, s, e)), 1024, 1 << 16);
    this.rcodes = new ByteCache((b, s, e) => up(dec(b, s, e)), 1024, 1 << 16);
    this.answerSets = new ByteCache((b, s, e): AnswerSet => {
      const kinds: Kind[] = [];
      let dropped = 0;
      for (let i = s, from = s; i <= e; i++) {
        if (i === e || b[i] === 44) { const k = classify(dec(b, from, i)); if (k === null) dropped++; kinds.push(k); from = i + 1; }
      }
      return { kinds, dropped, qname: '', qtype: undefined, answers: [] };
    }, 1 << 16, 1 << 22);
  }

  /** Emits the line's event; false when the string path must read the line instead. */
  read(buf: Buffer, start: number, end: number, lineNo: number, sink: Sink, c: Cols): boolean {
    const B = this.fieldOffsets(buf, start, end, c);
    if (B === null) return false;
    let k = c.query;
    if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) return false;
    const qv = this.names.get(buf, B[k], B[k + 1] - 1);
    if (qv === null) return false;
    const ts = timestamp(buf, B, c.ts);
    if (ts === null) return false;
    const cv = this.ip(buf, B, c.orig);
    if (cv === false) return false;
    const sv = this.ip(buf, B, c.resp);
    if (sv === false) return false;
    const proto = protocol(buf, B, c.proto);
    k = c.qtype;
    if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) return false;
    const qtype = this.qtypes.get(buf, B[k], B[k + 1] - 1);
    k = c.rcode;
    const rcode = k >= 0 && !isNone(buf, B[k], B[k + 1] - 1) ? this.rcodes.get(buf, B[k], B[k + 1] - 1) : undefined;
    const answers = this.answers(buf, B, c, qv, qtype, sink);
    // One object of one shape, built once (adding fields one by one reshapes it each time).
    // Every string here is a cached value decoded from its own field, not a slice of the line.
    sink.query({
      ts, qname: qv, ref: lineNo, client: cv ?? undefined, server: sv ?? undefined, proto, qtype, rcode, answers,
    });
    return true;
  }

  /** Tab offsets of the line, or null unless it has exactly the header's columns and no `\` escape. */
  private fieldOffsets(buf: Buffer, start: number, end: number, c: Cols): Int32Array | null {
    // A line with more columns than the header stops at one past them, so the array never grows here.
    const B = this.offsets.length >= c.count + 2 ? this.offsets : (this.offsets = new Int32Array(c.count + 2));
    const last = c.count;
    let n = 0;
    B[0] = start;
    for (let i = start; i < end; i++) {
      const b = buf[i];
      if (b === 9) {
        B[++n] = i + 1;
        if (n === last) break;
      } else if (b === 92) return null; // a `\x` escape: the string path decodes it
    }
    if (n + 1 !== c.count) return null;
    B[n + 1] = end + 1;
    return B;
  }

  /** The address, null when absent, false when it is not an IP. */
  private ip(buf: Buffer, B: Int32Array, k: number): string | null | false {
    if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) return null;
    return this.ips.get(buf, B[k], B[k + 1] - 1) ?? false;
  }

  private answers(buf: Buffer, B: Int32Array, c: Cols, qname: string, qtype: string, sink: Sink): DnsAnswer[] | undefined {
    const k = c.answers;
    if (k < 0 || isNone(buf, B[k], B[k + 1] - 1)) return undefined;
    const set = this.answerSets.get(buf, B[k], B[k + 1] - 1);
    if (sink.sharesAnswers === true) return this.sharedAnswers(set, qname, qtype);
    return answersFromKinds(qname, qtype, set.kinds, ttlList(buf, B, c.ttls), this.stats);
  }

  /** Without TTLs the answers depend only on the name, the query type and the set: reuse them. */
  private sharedAnswers(set: AnswerSet, qname: string, qtype: string): DnsAnswer[] {
    if (set.qname !== qname || set.qtype !== qtype) {
      set.answers = answersFromKinds(qname, qtype, set.kinds, NO_TTLS, this.stats);
      set.qname = qname; set.qtype = qtype;
    } else this.stats.dropped += set.dropped;
    return set.answers;
  }
}

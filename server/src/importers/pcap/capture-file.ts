// Incremental reader of capture files: classic libpcap (either byte order, micro- or nanosecond
// magic) and pcapng (SHB/IDB/EPB/SPB/PB, several interfaces, if_tsresol/if_tsoffset, byte order
// per section). Written here rather than taken from npm: `npm view` shows pcap-parser (classic
// only, EventEmitter over a Node stream) and pcap-ng-parser (pcapng only, Transform stream),
// both single-maintainer and asynchronous; neither reads both formats nor fits a synchronous
// chunk-fed ByteParser, and the framing is small and fully specified (IETF pcap/pcapng drafts).
import type { Sink } from '../types.ts';

export interface CapturedPacket {
  /** 1-based packet record number (only packet blocks are counted in pcapng). */
  recordNo: number;
  linkType: number;
  /** Epoch ms (truncated), NaN for pcapng Simple Packet Blocks, which carry no time. */
  ts: number;
  /** Captured bytes; a view into the input chunk, so copy before keeping it. */
  data: Buffer;
}

/** Records or blocks larger than this are taken as corruption (libpcap's own cap is 256 KiB). */
export const MAX_RECORD_BYTES = 1 << 20;
const MAX_BLOCK_BYTES = 16 << 20;

interface Iface { linkType: number; unitsPerSec: bigint; offsetMs: number; snaplen: number }

export interface CaptureReader {
  push(chunk: Buffer, onPacket: (p: CapturedPacket) => void, sink: Sink): void;
  end(sink: Sink): void;
  readonly records: number;
  /** Packet records rejected by the framing itself (bad interface id, bad captured length). */
  readonly rejectedRecords: number;
}

export function createCaptureReader(): CaptureReader {
  let pending: Buffer = Buffer.alloc(0);
  let format: 'unknown' | 'pcap' | 'pcapng' | 'dead' = 'unknown';
  let le = true;
  let nano = false;
  let linkType = 0;
  let ifaces: Iface[] = [];
  let records = 0;
  let rejectedRecords = 0;
  let sawBytes = false;

  const u32 = (b: Buffer, o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const u16 = (b: Buffer, o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));

  const die = (sink: Sink, ref: number, reason: string): void => {
    format = 'dead';
    sink.reject(ref, reason);
  };

  function parseIdb(b: Buffer, off: number, len: number): Iface {
    const iface: Iface = { linkType: u16(b, off + 8), unitsPerSec: 1_000_000n, offsetMs: 0, snaplen: u32(b, off + 12) };
    let o = off + 16;
    const stop = off + len - 4;
    while (o + 4 <= stop) {
      const code = u16(b, o);
      const olen = u16(b, o + 2);
      if (code === 0 || o + 4 + olen > stop) break;
      if (code === 9 && olen >= 1) {
        const v = b[o + 4];
        iface.unitsPerSec = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
      } else if (code === 14 && olen >= 8) {
        iface.offsetMs = Number(le ? b.readBigInt64LE(o + 4) : b.readBigInt64BE(o + 4)) * 1000;
      }
      o += 4 + ((olen + 3) & ~3);
    }
    return iface;
  }

  // 64-bit nanosecond counts exceed 2^53, so the division is done exactly in BigInt.
  function unitsToMs(hi: number, lo: number, iface: Iface): number {
    return Number(((BigInt(hi) << 32n) | BigInt(lo)) * 1000n / iface.unitsPerSec) + iface.offsetMs;
  }

  /** Returns the offset after what was consumed. */
  function consume(b: Buffer, onPacket: (p: CapturedPacket) => void, sink: Sink): number {
    let off = 0;
    if (format === 'unknown') {
      if (b.length < 4) return 0;
      const magic = b.readUInt32BE(0);
      if (magic === 0x0a0d0d0a) format = 'pcapng';
      else {
        if (b.length < 24) return 0;
        if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) le = false;
        else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) le = true;
        else {
          die(sink, 1, `not a pcap or pcapng file (magic 0x${magic.toString(16).padStart(8, '0')})`);
          return b.length;
        }
        nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
        // The upper bits of the link-type word hold FCS information, not the type.
        linkType = u32(b, 20) & 0xffff;
        format = 'pcap';
        off = 24;
      }
    }
    if (format === 'pcap') {
      while (off + 16 <= b.length) {
        const incl = u32(b, off + 8);
        if (incl > MAX_RECORD_BYTES) {
          die(sink, records + 1, `record length ${incl} exceeds ${MAX_RECORD_BYTES} bytes: capture is corrupt, rest of file ignored`);
          return b.length;
        }
        if (off + 16 + incl > b.length) break;
        const sec = u32(b, off);
        const frac = u32(b, off + 4);
        const ts = sec * 1000 + Math.floor(nano ? frac / 1e6 : frac / 1e3);
        records++;
        onPacket({ recordNo: records, linkType, ts, data: b.subarray(off + 16, off + 16 + incl) });
        off += 16 + incl;
      }
      return off;
    }
    // pcapng
    while (format === 'pcapng' && off + 12 <= b.length) {
      const typeBE = b.readUInt32BE(off);
      if (typeBE === 0x0a0d0d0a) {
        const bom = b.readUInt32BE(off + 8);
        if (bom === 0x1a2b3c4d) le = false;
        else if (bom === 0x4d3c2b1a) le = true;
        else {
          die(sink, records + 1, 'pcapng section header with a bad byte-order magic: capture is corrupt, rest of file ignored');
          return b.length;
        }
      }
      const type = u32(b, off);
      const len = u32(b, off + 4);
      if (len < 12 || len % 4 !== 0 || len > MAX_BLOCK_BYTES) {
        die(sink, records + 1, `pcapng block of type ${type} has an invalid length ${len}: capture is corrupt, rest of file ignored`);
        return b.length;
      }
      if (off + len > b.length) break;
      if (u32(b, off + len - 4) !== len) {
        die(sink, records + 1, `pcapng block of type ${type}: trailing length differs from leading length; capture is corrupt`);
        return b.length;
      }
      if (type === 0x0a0d0d0a) ifaces = [];
      else if (type === 1 && len >= 20) ifaces.push(parseIdb(b, off, len));
      else if (type === 6 || type === 2 || type === 3) {
        records++;
        packetBlock(b, off, len, type, onPacket, sink);
      }
      off += len;
    }
    return off;
  }

  function packetBlock(b: Buffer, off: number, len: number, type: number, onPacket: (p: CapturedPacket) => void, sink: Sink): void {
    const recordNo = records;
    const reject = (why: string): void => {
      rejectedRecords++;
      sink.reject(recordNo, why);
    };
    if (type === 3) {
      const iface = ifaces[0];
      if (!iface || len < 16) return reject('pcapng simple packet block without an interface description');
      let cap = Math.min(u32(b, off + 8), len - 16);
      if (iface.snaplen > 0) cap = Math.min(cap, iface.snaplen);
      onPacket({ recordNo, linkType: iface.linkType, ts: NaN, data: b.subarray(off + 12, off + 12 + cap) });
      return;
    }
    if (len < 32) return reject('pcapng packet block too short');
    const ifId = type === 6 ? u32(b, off + 8) : u16(b, off + 8);
    const iface = ifaces[ifId];
    if (!iface) return reject(`pcapng packet block names interface ${ifId}, which was not described`);
    const cap = u32(b, off + 20);
    if (cap > len - 32) return reject(`pcapng packet block: captured length ${cap} exceeds the block`);
    const ts = unitsToMs(u32(b, off + 12), u32(b, off + 16), iface);
    onPacket({ recordNo, linkType: iface.linkType, ts, data: b.subarray(off + 28, off + 28 + cap) });
  }

  return {
    get records() { return records; },
    get rejectedRecords() { return rejectedRecords; },
    push(chunk, onPacket, sink) {
      if (format === 'dead' || chunk.length === 0) return;
      sawBytes = true;
      const b = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const used = consume(b, onPacket, sink);
      // Copy the remainder so a small tail does not pin a large chunk.
      pending = used >= b.length ? Buffer.alloc(0) : Buffer.from(b.subarray(used));
    },
    end(sink) {
      if (format === 'dead') return;
      if (!sawBytes) return sink.note('capture file is empty');
      if (format === 'unknown') return sink.reject(1, 'file too short to be a pcap or pcapng capture');
      if (pending.length) sink.reject(records + 1, `capture truncated: the last ${pending.length} bytes do not form a complete record`);
    },
  };
}

// Frame Streams (fstrm) unidirectional file format, as written by dnstap producers: an escape
// (a zero length) introduces a control frame (START with a content type, STOP); any other
// length prefixes a data frame. Incremental, so a file can be fed in chunks of any size.
import type { Sink } from '../types.ts';

export const FSTRM_CONTROL_START = 2;
export const FSTRM_CONTROL_STOP = 3;
const FIELD_CONTENT_TYPE = 1;
/** fstrm caps control frames at 512 bytes; data frames above 1 MiB are taken as corruption. */
const MAX_CONTROL = 512;
export const MAX_DATA_FRAME = 1 << 20;

export interface FrameHandler {
  data(frame: Buffer, frameNo: number): void;
  start(contentTypes: string[]): void;
  stop(): void;
}

export interface FrameReader {
  push(chunk: Buffer, h: FrameHandler, sink: Sink): void;
  end(sink: Sink): void;
  readonly frames: number;
}

export function createFrameReader(): FrameReader {
  let pending: Buffer = Buffer.alloc(0);
  let frames = 0;
  let dead = false;

  function consume(b: Buffer, h: FrameHandler, sink: Sink): number {
    let off = 0;
    while (!dead && off + 4 <= b.length) {
      const len = b.readUInt32BE(off);
      if (len === 0) {
        if (off + 8 > b.length) break;
        const clen = b.readUInt32BE(off + 4);
        if (clen < 4 || clen > MAX_CONTROL) {
          dead = true;
          sink.reject(frames + 1, `Frame Streams control frame of length ${clen} is invalid: file is corrupt, rest ignored`);
          return b.length;
        }
        if (off + 8 + clen > b.length) break;
        const ctype = b.readUInt32BE(off + 8);
        if (ctype === FSTRM_CONTROL_START) {
          const types: string[] = [];
          let o = off + 12;
          const stop = off + 8 + clen;
          while (o + 8 <= stop) {
            const ft = b.readUInt32BE(o);
            const fl = b.readUInt32BE(o + 4);
            if (o + 8 + fl > stop) break;
            if (ft === FIELD_CONTENT_TYPE) types.push(b.toString('latin1', o + 8, o + 8 + fl));
            o += 8 + fl;
          }
          h.start(types);
        } else if (ctype === FSTRM_CONTROL_STOP) h.stop();
        off += 8 + clen;
        continue;
      }
      if (len > MAX_DATA_FRAME) {
        dead = true;
        sink.reject(frames + 1, `Frame Streams data frame of ${len} bytes exceeds ${MAX_DATA_FRAME}: file is corrupt, rest ignored`);
        return b.length;
      }
      if (off + 4 + len > b.length) break;
      frames++;
      h.data(b.subarray(off + 4, off + 4 + len), frames);
      off += 4 + len;
    }
    return dead ? b.length : off;
  }

  return {
    get frames() { return frames; },
    push(chunk, h, sink) {
      if (dead || !chunk.length) return;
      const b = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      const used = consume(b, h, sink);
      pending = used >= b.length ? Buffer.alloc(0) : Buffer.from(b.subarray(used));
    },
    end(sink) {
      if (!dead && pending.length) sink.reject(frames + 1, `Frame Streams file truncated: the last ${pending.length} bytes do not form a complete frame`);
    },
  };
}

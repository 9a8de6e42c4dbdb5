// The line-parser shapes the text formats share, beyond the plain LineParser in ../types.ts:
// counting what was skipped on purpose, and (Zeek TSV) reading a line straight from the bytes.
import type { LineParser, Sink } from '../types.ts';

/** A LineParser that also counts the lines it skipped as legitimately not records. */
export interface CountingLineParser extends LineParser {
  /** Lines skipped on purpose (headers, comments, daemon noise, blank lines). */
  readonly skipped: number;
  /** Lines folded into an event opened by an earlier line (multi-line formats such as dnsmasq). */
  readonly merged: number;
}

/** A line parser that can also read a line straight from the input bytes. */
export interface ByteLineParser extends CountingLineParser {
  bytes(buf: Buffer, start: number, end: number, lineNo: number, sink: Sink): void;
}

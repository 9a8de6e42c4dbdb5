// The security-sensor, server and cloud DNS parsers emit lookups, entities and edges but never
// passive-DNS records: fed through the shared recording sink with those refused.
import type { DnsQueryEvent, LineParser } from '../../../server/src/importers/types.ts';
import { feedFile as recordFile, feedLines, type Collected } from '../../support/recording-sink.ts';

export const feed = (parser: LineParser, text: string): Collected => feedLines(parser, text, ['passive']);
export const feedFile = (parser: LineParser, file: string): Collected => recordFile(parser, file, ['passive']);

/** Lookups a set of events stands for (what the aggregator counts: events with a client, times their count). */
export function lookups(events: DnsQueryEvent[]): number {
  return events.reduce((n, e) => n + (e.client !== undefined ? e.count ?? 1 : 0), 0);
}

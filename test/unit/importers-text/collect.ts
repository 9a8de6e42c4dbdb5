// The text lookup-log parsers (Zeek, BIND, dnsmasq, Unbound, CSV) emit lookups only: fed through
// the shared recording sink with passive records, entities and edges refused.
import type { DnsQueryEvent, LineParser } from '../../../server/src/importers/types.ts';
import { collector as record, feedFile as recordFile, feedLines, type Collected, type Unexpected } from '../../support/recording-sink.ts';

export type { Collected };

const LOOKUPS_ONLY: Unexpected = ['passive', 'entity', 'edge'];

export const collector = (): Collected => record(LOOKUPS_ONLY);
export const feed = (parser: LineParser, text: string): Collected => feedLines(parser, text, LOOKUPS_ONLY);
export const feedFile = (parser: LineParser, file: string): Collected => recordFile(parser, file, LOOKUPS_ONLY);

export function summary(c: Collected) {
  return {
    events: c.events.length,
    clients: new Set(c.events.map((e) => e.client).filter(Boolean)).size,
    qnames: new Set(c.events.map((e) => e.qname)).size,
    answers: c.events.reduce((n, e) => n + (e.answers?.length ?? 0), 0),
    rejects: c.rejects.length,
  };
}

export function byRef(c: Collected, ref: number): DnsQueryEvent {
  const e = c.events.find((x) => x.ref === ref);
  if (!e) throw new Error(`no event for line ${ref}`);
  return e;
}

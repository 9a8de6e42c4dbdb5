// DNS messages that are not lookups, aggregated per pair and emitted as graph facts at end():
// - UPDATE (RFC 2136): `(:IP client)-[:UPDATED]->(:Host name)` for every name the client asked to
//   change, with what it added and deleted and the server's answer when one was seen;
// - NOTIFY (RFC 1996): `(:IP sender)-[:NOTIFIED]->(:Host zone)`: the sender says the zone changed
//   (it acts as the zone's primary);
// - unsolicited mDNS responses to the group (RFC 6762 announcements):
//   `(:IP sender)-[:ANNOUNCED]->(:Host name)` for every owner name announced, plus RESOLVES_TO
//   for the addresses announced for it.
// None of these is a lookup: nobody asked for the name, so no QUERIED edge is made.
// Shared by the pcap and dnstap parsers (which must not import each other).
import type { EdgeRow, Sink } from '../types.ts';
import type { PropValue, RelType } from '../../model/index.ts';
import type { DnsMessage } from './dns-message.ts';
import type { UpdateMessage } from './dns-update.ts';
import type { Endpoints } from './query-matcher.ts';

/** Values kept per edge list prop: enough to see what changed without unbounded arrays. */
const MAX_VALUES = 20;

interface Agg {
  type: RelType;
  from: string;
  to: string;
  ref: number;
  count: number;
  first: number;
  last: number;
  props: Map<string, Set<string>>;
  rcode?: string;
}

export interface DnsChanges {
  update(msg: UpdateMessage, ends: Endpoints, ts: number, ref: number): void;
  notify(msg: DnsMessage, ends: Endpoints, ts: number, ref: number): void;
  announce(msg: DnsMessage, ends: Endpoints, ts: number, ref: number): void;
  end(sink: Sink): void;
  readonly counts: { updates: number; notifies: number; announcements: number };
}

export function isGroupAddress(ip: string): boolean {
  if (ip.includes(':')) return ip.toLowerCase().startsWith('ff');
  const first = Number(ip.slice(0, ip.indexOf('.')));
  return (first >= 224 && first <= 239) || ip === '255.255.255.255';
}

/** An mDNS response sent to the group: an announcement (or a shared answer) nobody in particular asked for. */
export function isAnnouncement(msg: DnsMessage, ends: Endpoints): boolean {
  return msg.isResponse && (ends.srcPort === 5353 || ends.dstPort === 5353) && isGroupAddress(ends.dst) && msg.answers.length > 0;
}

export function createDnsChanges(): DnsChanges {
  const aggs = new Map<string, Agg>();
  const resolves = new Map<string, { host: string; ip: string; ref: number }>();
  const pendingUpdates = new Map<string, string[]>();
  const counts = { updates: 0, notifies: 0, announcements: 0 };

  const agg = (type: RelType, from: string, to: string, ts: number, ref: number): Agg => {
    const k = `${type}|${from}|${to}`;
    let a = aggs.get(k);
    if (!a) aggs.set(k, (a = { type, from, to, ref, count: 0, first: NaN, last: NaN, props: new Map() }));
    a.count++;
    if (Number.isFinite(ts)) {
      if (!(a.first <= ts)) a.first = ts;
      if (!(a.last >= ts)) a.last = ts;
    }
    return a;
  };
  const add = (a: Agg, prop: string, v: string | undefined) => {
    if (v === undefined) return;
    let s = a.props.get(prop);
    if (!s) a.props.set(prop, (s = new Set()));
    if (s.size < MAX_VALUES) s.add(v);
  };

  return {
    counts,
    update(msg, ends, ts, ref) {
      const proto = ends.proto ?? '';
      if (msg.isResponse) {
        // The server's answer says whether the change was made (NOERROR) or refused.
        const keys = pendingUpdates.get(`${ends.dst}|${ends.dstPort}|${ends.src}|${ends.srcPort}|${proto}|${msg.id}`);
        for (const k of keys ?? []) {
          const a = aggs.get(k);
          if (a) a.rcode = msg.rcode;
        }
        return;
      }
      if (!ends.src) return;
      counts.updates++;
      const touched: string[] = [];
      // count = UPDATE messages that touched the name, however many of its records they changed.
      const perName = new Map<string, Agg>();
      for (const ch of msg.changes) {
        let a = perName.get(ch.name);
        if (!a) perName.set(ch.name, (a = agg('UPDATED', ends.src, ch.name, ts, ref)));
        add(a, 'zone', msg.zone);
        add(a, 'rrtypes', ch.type);
        add(a, ch.op === 'add' ? 'added' : 'deleted', ch.value !== undefined ? `${ch.type} ${ch.value}` : `${ch.type} (${ch.op})`);
        if (ends.dst) add(a, 'servers', ends.dst);
      }
      for (const n of perName.keys()) touched.push(`UPDATED|${ends.src}|${n}`);
      pendingUpdates.set(`${ends.src}|${ends.srcPort}|${ends.dst}|${ends.dstPort}|${proto}|${msg.id}`, touched);
    },
    notify(msg, ends, ts, ref) {
      if (msg.isResponse || !ends.src) return;
      counts.notifies++;
      const a = agg('NOTIFIED', ends.src, msg.qname, ts, ref);
      if (ends.dst) add(a, 'secondaries', ends.dst);
    },
    announce(msg, ends, ts, ref) {
      if (!ends.src) return;
      counts.announcements++;
      for (const ans of msg.answers) {
        const a = agg('ANNOUNCED', ends.src, ans.name, ts, ref);
        add(a, 'rrtypes', ans.type);
        add(a, 'values', ans.value);
        if ((ans.type === 'A' || ans.type === 'AAAA') && !resolves.has(`${ans.name}|${ans.value}`)) {
          resolves.set(`${ans.name}|${ans.value}`, { host: ans.name, ip: ans.value, ref });
        }
      }
    },
    end(sink) {
      const iso = (ms: number) => new Date(ms).toISOString();
      for (const a of aggs.values()) {
        sink.entity({ kind: 'IP', key: a.from });
        sink.entity({ kind: 'Host', key: a.to });
        const props: Record<string, PropValue> = { count: a.count };
        if (Number.isFinite(a.first)) Object.assign(props, { firstSeen: iso(a.first), lastSeen: iso(a.last) });
        for (const [k, s] of a.props) props[k] = [...s];
        if (a.rcode) props.rcode = a.rcode;
        const edge: EdgeRow = { type: a.type, from: { kind: 'IP', key: a.from }, to: { kind: 'Host', key: a.to }, ref: a.ref, props };
        sink.edge(edge);
      }
      for (const r of resolves.values()) {
        sink.entity({ kind: 'IP', key: r.ip });
        sink.edge({ type: 'RESOLVES_TO', from: { kind: 'Host', key: r.host }, to: { kind: 'IP', key: r.ip }, ref: r.ref });
      }
      aggs.clear();
      resolves.clear();
      pendingUpdates.clear();
    },
  };
}

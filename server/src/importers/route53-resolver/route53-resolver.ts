// AWS Route 53 query logs. Resolver query logs (JSON, one object a line or pretty-printed):
// the asking address, the VPC it sits in and, for EC2, the instance — so besides the lookup the
// parser emits Vpc and CloudInstance nodes and the edges that place them (IP ASSIGNED_TO
// instance, instance and IP IN_VPC), and DNS Firewall matches as Vpc FIREWALL_MATCHED the name
// (action, rule group, domain list). Public hosted-zone query logs (space-separated text) are
// read too: the asking party there is the recursive resolver.
import type { DnsQueryEvent, LineParser, ParseOptions, Sink } from '../types.ts';
import type { NodeKind, PropValue } from '../../model/index.ts';
import { JsonAssembler, strField } from '../normalize/json-values.ts';
import { feedJsonLine, finishJsonLines } from '../normalize/json-lines.ts';
import { canonicalIp } from '../normalize/ip.ts';
import { nameKey } from '../normalize/names.ts';
import { isoToMs, msToIso } from '../normalize/time.ts';
import { chainAnswers, typeName } from '../normalize/dns-codes.ts';

export interface Route53Parser extends LineParser {
  readonly skipped: number;
  /** Lines that continued a record begun on an earlier line (pretty-printed JSON, XML). */
  readonly merged: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// `1.0 2017-12-13T08:16:02.130Z Z123412341234 example.com A NOERROR UDP FRA6 192.168.1.1 -`
const PUBLIC_LINE = /^(\d+\.\d+) (\d{4}-\d\d-\d\dT\S+) (\S+) (\S+) (\S+) (\S+) (UDP|TCP) (\S+) (\S+) (\S+)$/;

interface Pair { from: { kind: NodeKind; key: string }; to: { kind: NodeKind; key: string }; first: number; last: number; ref: number; count: number; props?: Record<string, Set<string>> }

export function createRoute53Parser(opts: ParseOptions): Route53Parser {
  void opts;
  const json = new JsonAssembler();
  let skipped = 0, badAnswers = 0;
  const nodes = new Map<string, { kind: NodeKind; key: string; props: Record<string, PropValue> }>();
  const pairs = new Map<string, Pair & { type: 'IN_VPC' | 'ASSIGNED_TO' | 'FIREWALL_MATCHED' }>();

  function node(kind: NodeKind, key: string, props: Record<string, PropValue>): void {
    const k = `${kind}\t${key}`;
    if (!nodes.has(k)) nodes.set(k, { kind, key, props });
  }
  function pair(type: 'IN_VPC' | 'ASSIGNED_TO' | 'FIREWALL_MATCHED', from: Pair['from'], to: Pair['to'], ts: number, ref: number, extra?: Record<string, string | undefined>): void {
    const k = `${type}\t${from.kind}\t${from.key}\t${to.kind}\t${to.key}`;
    let p = pairs.get(k);
    if (!p) pairs.set(k, (p = { type, from, to, first: ts, last: ts, ref, count: 0 }));
    p.count++;
    if (ts < p.first) { p.first = ts; p.ref = ref; }
    if (ts > p.last) p.last = ts;
    if (extra) {
      p.props ??= {};
      for (const [n, v] of Object.entries(extra)) if (v) (p.props[n] ??= new Set()).add(v);
    }
  }

  function fromJson(o: Obj, ref: number, sink: Sink): void {
    if ('#notObject' in o) { sink.reject(ref, 'not a JSON object'); return; }
    const qraw = strField(o.query_name);
    if (qraw === undefined) { sink.reject(ref, 'no query_name: not a Route 53 Resolver query log record'); return; }
    const qname = nameKey(qraw);
    if (qname === null) { sink.reject(ref, `query_name is not a DNS name: ${qraw.slice(0, 80)}`); return; }
    const tRaw = strField(o.query_timestamp);
    const ts = tRaw === undefined ? NaN : isoToMs(tRaw);
    if (!Number.isFinite(ts)) { sink.reject(ref, 'missing or bad query_timestamp'); return; }
    const src = strField(o.srcaddr);
    const client = src === undefined ? undefined : canonicalIp(src);
    if (client === null) { sink.reject(ref, `bad srcaddr: ${String(src).slice(0, 60)}`); return; }
    const e: DnsQueryEvent = { ts, qname, ref };
    if (client) e.client = client;
    const qt = strField(o.query_type);
    if (qt) e.qtype = typeName(qt);
    const rc = strField(o.rcode);
    if (rc) e.rcode = rc.toUpperCase();
    const tr = strField(o.transport)?.toLowerCase();
    if (tr === 'udp' || tr === 'tcp') e.proto = tr;
    if (Array.isArray(o.answers)) {
      const list: { type: string; value: string }[] = [];
      for (const a of o.answers) {
        if (!isObj(a)) { badAnswers++; continue; }
        const type = strField(a.Type ?? a.type), value = strField(a.Rdata ?? a.rdata);
        if (type && value) list.push({ type: typeName(type), value }); else badAnswers++;
      }
      const r = chainAnswers(qname, list);
      badAnswers += r.bad;
      e.answers = r.answers;
    }
    sink.query(e);

    const account = strField(o.account_id), region = strField(o.region);
    const where: Record<string, PropValue> = {};
    if (account) where.accountId = account;
    if (region) where.region = region;
    const vpc = strField(o.vpc_id);
    const srcids = isObj(o.srcids) ? o.srcids : {};
    const inst = strField(srcids.instance);
    if (vpc) node('Vpc', vpc, { ...where });
    if (inst) node('CloudInstance', inst, { ...where, ...(vpc ? { vpcId: vpc } : {}) });
    if (inst && vpc) pair('IN_VPC', { kind: 'CloudInstance', key: inst }, { kind: 'Vpc', key: vpc }, ts, ref);
    if (client && inst) pair('ASSIGNED_TO', { kind: 'IP', key: client }, { kind: 'CloudInstance', key: inst }, ts, ref);
    if (client && vpc) pair('IN_VPC', { kind: 'IP', key: client }, { kind: 'Vpc', key: vpc }, ts, ref);
    const action = strField(o.firewall_rule_action);
    if (action && vpc) {
      pair('FIREWALL_MATCHED', { kind: 'Vpc', key: vpc }, { kind: 'Host', key: qname }, ts, ref, {
        actions: action.toUpperCase(), ruleGroupIds: strField(o.firewall_rule_group_id), domainListIds: strField(o.firewall_domain_list_id),
      });
    }
  }

  return {
    get skipped() { return skipped; },
    get merged() { return json.merged; },
    line(text: string, lineNo: number, sink: Sink): void {
      const fed = feedJsonLine(json, text, lineNo, sink, fromJson);
      if (fed === 'empty') skipped++;
      if (fed !== 'text') return;
      const t = text.trim();
      if (t === '') { skipped++; return; }
      const m = PUBLIC_LINE.exec(t);
      if (!m) { sink.reject(lineNo, 'neither a Resolver query log object nor a public hosted-zone query log line'); return; }
      const ts = isoToMs(m[2]);
      if (!Number.isFinite(ts)) { sink.reject(lineNo, `bad time: ${m[2].slice(0, 40)}`); return; }
      const qname = nameKey(m[4]);
      if (qname === null) { sink.reject(lineNo, `not a DNS name: ${m[4].slice(0, 80)}`); return; }
      const client = canonicalIp(m[9]);
      if (client === null) { sink.reject(lineNo, `bad resolver address: ${m[9].slice(0, 60)}`); return; }
      sink.query({ ts, qname, client, qtype: typeName(m[5]), rcode: m[6].toUpperCase(), proto: m[7] === 'TCP' ? 'tcp' : 'udp', ref: lineNo });
    },
    end(sink: Sink): void {
      finishJsonLines(json, sink);
      for (const n of nodes.values()) sink.entity({ kind: n.kind, key: n.key, props: n.props });
      let fw = 0;
      for (const p of pairs.values()) {
        const props: Record<string, PropValue> = { count: p.count };
        for (const [k, v] of Object.entries(p.props ?? {})) props[k] = [...v].sort();
        if (p.type === 'FIREWALL_MATCHED') fw += p.count;
        sink.edge({ type: p.type, from: p.from, to: p.to, ref: p.ref, validFrom: msToIso(p.first), validTo: msToIso(p.last), props });
      }
      if (fw) sink.note(`${fw} record(s) matched a DNS Firewall rule (kept as Vpc FIREWALL_MATCHED name, with the action)`);
      if (badAnswers) sink.note(`${badAnswers} answer(s) without a usable type or value dropped`);
    },
  };
}

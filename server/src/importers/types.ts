// Normalized rows that every parser emits. Parsers are pure: they read text or bytes and
// call a Sink; they never touch the database. The pipeline aggregates and writes. The graph's
// vocabulary (kinds, relationship types, property values) is the model's (server/src/model/).
import type { NodeKind, PropValue, RelType } from '../model/index.ts';

/** One DNS query (and, where the format carries it, its response). */
export interface DnsQueryEvent {
  /** Event time, epoch milliseconds, UTC. NaN when the format has no usable time (Zeek btest baselines). */
  ts: number;
  /** Canonical IP of the party that asked (stub client or recursive resolver), if known. */
  client?: string;
  /** Canonical IP of the server that was asked / answered, if known. */
  server?: string;
  /** Normalized query name (lower case, no trailing dot, punycode). */
  qname: string;
  /** Query type mnemonic ('A', 'AAAA', 'MX', 'TYPE65', ...). */
  qtype?: string;
  /** Response code mnemonic ('NOERROR', 'NXDOMAIN', ...), when a response was seen. */
  rcode?: string;
  /** Answers from the response, normalized. */
  answers?: DnsAnswer[];
  /** Transport, when known. */
  proto?: 'udp' | 'tcp';
  /** Pointer to the raw record: 1-based line number (text) or record number (binary). */
  ref: number;
  /** How many lookups this record stands for (passivedns aggregates repeats); default 1. */
  count?: number;
}

export interface DnsAnswer {
  /** Owner name (normalized). Defaults to the query name. */
  name: string;
  /** RR type mnemonic: 'A', 'AAAA', 'CNAME', 'NS', 'MX', 'PTR', 'TXT', ... */
  type: string;
  /** Normalized rdata: canonical IP for A/AAAA, normalized host name for CNAME/NS/MX/PTR, text otherwise. */
  value: string;
  ttl?: number;
}

/** One passive-DNS observation (an RRset seen between two times). */
export interface PassiveDnsRecord {
  rrname: string;
  rrtype: string;
  /** Normalized rdata values (see DnsAnswer.value). */
  rdata: string[];
  /** Epoch ms UTC. */
  firstSeen?: number;
  lastSeen?: number;
  count?: number;
  bailiwick?: string;
  ref: number;
}

/** A node to MERGE by (kind, key). Props are set (not merged into arrays). */
export interface EntityRow {
  kind: NodeKind;
  key: string;
  props?: Record<string, PropValue>;
}

/** A relationship fact with its provenance (the pipeline adds the Source). */
export interface EdgeRow {
  type: RelType;
  from: { kind: NodeKind; key: string };
  to: { kind: NodeKind; key: string };
  /** 0..100; defaults to the Source's reliability. */
  confidence?: number;
  /** ISO-8601 UTC validity interval, when known. */
  validFrom?: string;
  validTo?: string;
  /** Raw-record pointer inside the source (line number or record number). */
  ref: number;
  props?: Record<string, PropValue>;
  /**
   * Key of the Source this fact rests on, when it is not the imported file itself (a case file
   * cites reports). Absent: the file being imported is the source.
   */
  source?: string;
  /** Raw-record pointer text override (e.g. "case.yaml:42 p.3"); default "<file>:<ref>". */
  refText?: string;
}

/** What a parser reports to. */
export interface Sink {
  query(e: DnsQueryEvent): void;
  passive(r: PassiveDnsRecord): void;
  entity(e: EntityRow): void;
  edge(e: EdgeRow): void;
  /** A record that could not be used: ref is the line/record number, reason says why. */
  reject(ref: number, reason: string): void;
  /** Something the user should know about the whole file (e.g. "year taken from --year 2022"). */
  note(message: string): void;
  /**
   * True when the sink never reads DnsAnswer.ttl and never changes an event's answers (the
   * graph keeps no TTLs): a parser may then skip TTL fields and hand one answers array to every
   * event with the same name, query type and answer text.
   */
  readonly sharesAnswers?: boolean;
}

export interface ParseOptions {
  /** For formats without a year (syslog): the year to assume. */
  year?: number;
  /** File modification time (epoch ms), used when no year is given. */
  fileTime?: number;
  /** For CSV/TSV tables: column mapping, e.g. { ts: 'TIMESTAMP', qname: 'HOSTNAME', client: 'IP' }. */
  map?: Record<string, string>;
  /** Display name of the file, for notes. */
  fileName?: string;
}

/** A line-oriented parser: fed one line at a time (without the newline), synchronously. */
export interface LineParser {
  line(text: string, lineNo: number, sink: Sink): void;
  end(sink: Sink): void;
}

/** A byte-oriented parser (pcap, dnstap): fed chunks, synchronously. */
export interface ByteParser {
  chunk(buf: Buffer, sink: Sink): void;
  end(sink: Sink): void;
}

export type FormatName =
  | 'zeek-tsv' | 'zeek-json' | 'bind' | 'dnsmasq' | 'unbound' | 'csv'
  | 'passive-dns' | 'pcap' | 'dnstap'
  | 'whois' | 'rdap' | 'asn-table' | 'ipwhois' | 'case'
  | 'suricata-eve' | 'passivedns-log' | 'windows-dns' | 'sysmon-dns' | 'route53-resolver';

export type SourceKind =
  | 'dns-log' | 'passive-dns' | 'pcap' | 'whois' | 'rdap' | 'asn-table' | 'report' | 'analyst' | 'synthetic';

/** A whole-document parser (WHOIS, RDAP, ipwhois JSON): small inputs read at once. */
export type DocumentParser = (text: string, sink: Sink, opts: ParseOptions) => void;

// Zeek TSV dns.log read by DuckDB's CSV reader. The header (#separator, #fields, …) is read here;
// the rows go through read_csv with every column typed VARCHAR (no sniffing), are normalized in
// SQL where SQL is exact (ASCII names: lower case, trailing dot; canonical dotted quads; decimal
// epoch times), and in TypeScript once per DISTINCT value where a library is needed (IDN names,
// IPv6). Answer sets are typed once per distinct (name, query type, answers) text.
//
// A line is a row: the table keeps file order (rowid + header lines + 1 is the line number).
// Lines SQL cannot take as they are — a wrong column count, a bad or missing field, escapes —
// are re-read from the file and handed to the Zeek parser, which accepts or rejects each with
// its file:line reason exactly as before. Files DuckDB would number differently (blank lines,
// a second header mid-file) or whose header is unusual are left to the parser (`handled: false`).
//
// This is the Zeek format's table loader (FormatSpec.load): it lives with the Zeek parser it
// shares the header rules and answer typing with, and reaches the engine through pipeline/.
import { LIST, VARCHAR } from '@duckdb/node-api';
import { createZeekTsvParser } from './zeek-tsv.ts';
import { ZeekHeader, unescapeZeek, type Cols } from './zeek-tsv-header.ts';
import { makeNormalizers } from '../normalize/name-cache.ts';
import { answerClassifier, NAME_TYPES } from './zeek-answers.ts';
import { nameKey } from '../normalize/names.ts';
import { canonicalIp } from '../normalize/ip.ts';
import type { Sink } from '../types.ts';
import type { TableEngine, TableLoad, TableSegment } from '../table-loader.ts';
import { lit } from '../pipeline/duckdb-engine.ts';
import { refKey, refLine } from '../pipeline/duckdb-aggregate-sql.ts';
import { forEachLine, gunzipHead, MAX_LINE_BYTES, openStream, readHead } from '../pipeline/read-input.ts';

interface Header { lines: number; cols: Cols; plain: boolean }

// An ASCII name whose key is its lower-case form without one trailing dot (the LABEL rule of
// normalize/names.ts); everything else goes to nameKey() once per distinct text.
const LABEL = '[A-Za-z0-9_*](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?';
const FAST_NAME = `(?:${LABEL}\\.)*${LABEL}\\.?`;
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const FAST_V4 = `${OCTET}(?:\\.${OCTET}){3}`;
// IPv6 in RFC 5952 form with no zero group written out: lower-case groups without leading zeros,
// either all eight or at most six around one `::` (which then stands for two or more zero groups,
// the only zero run). canonicalIp() returns such a text unchanged; IPv4-mapped ones (::ffff:…) it
// folds to IPv4, so they are left to it, as is every other IPv6 form.
const G6 = '[1-9a-f][0-9a-f]{0,3}';
const FULL_V6 = `${G6}(?::${G6}){7}`;
const SHORT_V6 = `(?:${G6}(?::${G6}){0,5})?::(?:${G6}(?::${G6}){0,5})?`;
/** SQL: `x` is an IPv6 text that canonicalIp() returns unchanged (a subset of those: the usual forms). */
const fastV6 = (x: string) => `(contains(${x}, ':') AND (regexp_full_match(${x}, '${FULL_V6}')
  OR (regexp_full_match(${x}, '${SHORT_V6}') AND NOT starts_with(${x}, '::ffff:') AND len(regexp_extract_all(${x}, '[0-9a-f]+')) <= 6)))`;
// At most 12 integer digits and 6 decimals: DECIMAL(18,6) holds it exactly and rounds to the
// millisecond half up, as the parser does. Other times (masked, exponent) go to the parser.
const FAST_TS = '[0-9]{1,12}(?:\\.[0-9]{0,6})?';
const CODE = '[A-Za-z0-9_*-]+';
const DIRECTIVES = ['#fields', '#separator', '#set_separator', '#empty_field', '#unset_field'];

const none = (x: string) => `(${x} IS NULL OR ${x} = '' OR ${x} = '-' OR ${x} = '(empty)')`;
/**
 * A field, NULL when unset or empty. Nested nullif()s, once per field in the innermost SELECT: a
 * CASE over none() per output column and again in the row check took 30 ms more of a 546 ms
 * load of the 1M-line uniform log (2026-12-06).
 */
const unset = (x: string) => `nullif(nullif(nullif(${x}, '-'), '(empty)'), '')`;

export async function loadZeekTsv(agg: TableEngine, seg: TableSegment): Promise<TableLoad> {
  const { file, gz } = seg;
  const no = (reason: string): TableLoad => ({ handled: false, reason, lines: 0, endByte: 0 });
  if (/[*?[\]{}]/.test(file)) return no('glob characters in the path');
  const h = await readHeader(file, gz);
  if (!h) return no('no #fields header at the top');
  if (!h.plain) return no('non-default separators');
  const ix = h.cols;
  if (ix.query < 0 || ix.qtype < 0) return no('no query or qtype_name column');
  // The JS pass over the file (lines, blank lines, the longest line) runs beside DuckDB's read of
  // it; a file the pass turns down is dropped from the engine again.
  const scanning = scanLines(file, gz).catch(() => null);

  const db = agg.db;
  const n = ix.count;
  const cols = Array.from({ length: n + 1 }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const c = (i: number) => (i < 0 ? 'NULL::VARCHAR' : `c${i}`);
  const src = `read_csv(${lit(file)}, delim = '\t', quote = '', escape = '', header = false, skip = ${h.lines},
    columns = {${cols}}, null_padding = true, strict_mode = false, auto_detect = false, nullstr = '\u0001', max_line_size = ${DUCK_MAX_LINE}, buffer_size = ${2 * DUCK_MAX_LINE},
    compression = '${gz ? 'gzip' : 'none'}')`;
  // Per row only what is cheap: the column count, empty fields, the time (one regex), escapes in
  // answers. Names, addresses and codes are checked and normalized once per DISTINCT value below:
  // a regex per row on each of them cost 0.36 s of a 1.3 s load of the 1M-line heavy-tailed log,
  // and the raw copies beside them 0.2 s more (2026-12-06).
  const suspect = [
    `NOT (c${n - 1} IS NOT NULL AND c${n} IS NULL)`, 'q IS NULL', none('qt'),
    `(t IS NOT NULL AND t <> '-' AND NOT tf)`,
    `(ans IS NOT NULL AND contains(ans, '\\'))`,
  ].join(' OR ');
  let readError: unknown = null;
  await db.run(`CREATE TABLE qz AS
    SELECT CASE WHEN starts_with(c0, '#') THEN 1 WHEN ${suspect} THEN 2 ELSE 0 END AS kind,
      CASE WHEN starts_with(c0, '#') THEN c0 END AS directive,
      CASE WHEN tf THEN round(t::DECIMAL(18, 3)::DOUBLE * 1000)::BIGINT END AS ts,
      o AS client, r AS server, q AS qname, upper(qt) AS qtype, upper(rc) AS rcode, ans
    FROM (
      SELECT *, coalesce(regexp_full_match(t, '${FAST_TS}'), false) AS tf
      FROM (
        SELECT c0, c${n - 1}, c${n}, ${c(ix.ts)} AS t, ${unset(c(ix.orig))} AS o, ${unset(c(ix.resp))} AS r, ${unset(c(ix.query))} AS q,
          ${c(ix.qtype)} AS qt, ${unset(c(ix.rcode))} AS rc, ${unset(c(ix.answers))} AS ans
        FROM ${src}))`).catch((e: unknown) => { readError = e ?? new Error('DuckDB could not read the file'); });
  const scan = await scanning;
  const refusal = await scanRefusal(scan, seg);
  if (refusal) { await db.run('DROP TABLE IF EXISTS qz'); return no(refusal); }
  if (readError || !scan) throw readError;
  const fail = async (reason: string) => { await db.run('DROP TABLE qz'); return no(reason); };
  const dirs = await db.rows(`SELECT directive FROM qz WHERE kind = 1 AND (${DIRECTIVES.map((d) => `starts_with(directive, '${d}')`).join(' OR ')}) LIMIT 1`);
  if (dirs.length) return fail('a second header mid-file');

  // Codes outside the parser's alphabet (a handful of distinct values at most) send their rows to it.
  const codeOk = (x: string) => `coalesce(regexp_full_match(${x}, '${CODE}'), true)`;
  // The distinct codes are a table of their own: the pair aggregation numbers its code bits from
  // them, and the check runs on them only (as a WHERE over a DISTINCT subquery, DuckDB pushed it
  // below the DISTINCT and its two regexes ran on every row: 43 ms against 15 ms on the 1M-line
  // generator log, 2026-12-06).
  await db.run('CREATE TABLE qzcodes AS SELECT DISTINCT qtype, rcode FROM qz WHERE kind = 0');
  const [[badCodes]] = await db.rows(`SELECT coalesce(sum(CASE WHEN ${codeOk('qtype')} AND ${codeOk('rcode')} THEN 0 ELSE 1 END), 0)::DOUBLE FROM qzcodes`);
  if ((badCodes as number) > 0) await db.run(`UPDATE qz SET kind = 2 WHERE kind = 0 AND NOT (${codeOk('qtype')} AND ${codeOk('rcode')})`);
  // Names and addresses: SQL where it is exact, TypeScript for the rest, once per distinct text.
  await normalizeColumn(agg, 'qname', `CASE WHEN regexp_full_match(raw, '${FAST_NAME}') AND length(rtrim(raw, '.')) <= 253 THEN lower(rtrim(raw, '.')) END`,
    (raw) => nameKey(unescapeZeek(raw)));
  for (const col of ['client', 'server']) {
    await normalizeColumn(agg, col, `CASE WHEN regexp_full_match(raw, '${FAST_V4}') OR ${fastV6('raw')} THEN raw END`, (raw) => canonicalIp(unescapeZeek(raw)));
  }

  const line = `(rowid + ${h.lines + 1})`;
  const [[events]] = await db.rows('SELECT count(*)::DOUBLE FROM qz WHERE kind = 0');
  let dropped = await typeAnswers(agg, line);
  const evCols = (t: string) => `(${t}rowid + ${h.lines + 1})::BIGINT AS line, ${['ts', 'client', 'server', 'qname', 'qtype', 'rcode'].map((x) => t + x).join(', ')}, 1 AS cnt`;
  agg.addSqlEvents(`SELECT ${evCols('')} FROM qz WHERE kind = 0`,
    `SELECT ${evCols('qz.')}, aset.answers FROM qz LEFT JOIN aset ON qz.qname = aset.qname AND qz.qtype = aset.qtype AND qz.ans = aset.ans WHERE qz.kind = 0`,
    events as number, 'SELECT qtype, rcode FROM qzcodes');
  // The parser takes the lines SQL set aside: its events and rejects join the others.
  const odd = (await db.rows(`SELECT ${line}::DOUBLE FROM qz WHERE kind = 2 ORDER BY 1`)).map((r) => r[0] as number);
  if (odd.length) dropped += await parseLines(agg, file, gz, h.lines, odd);
  if (dropped > 0) agg.note(`${dropped} answer value(s) were neither an IP, a host name nor TXT and were dropped`);
  return { handled: true, lines: scan.lines, endByte: scan.endByte };
}

/** Why the parser rather than DuckDB must read the file, from the JS pass over it (null: DuckDB may). */
async function scanRefusal(scan: Awaited<ReturnType<typeof scanLines>> | null, seg: TableSegment): Promise<string | null> {
  // Damage (a gzip stream cut short) is the parser's to report, line by line.
  if (!scan) return 'the input could not be read to its end';
  if (scan.blank) return 'blank lines';
  // DuckDB would stop at a line longer than its max_line_size; the parser skips and reports it.
  if (scan.longest > Math.min(seg.maxLineBytes ?? MAX_LINE_BYTES, DUCK_MAX_LINE)) return 'a line too long';
  // A live log's unfinished last line is held back: only the parser's reader does that.
  if (scan.partial && !(typeof seg.takePartialLast === 'boolean' ? seg.takePartialLast : await seg.takePartialLast())) return 'an unfinished last line';
  return null;
}

/**
 * DuckDB's CSV reader takes lines up to this many bytes (set explicitly: its default is 2 MB).
 * Its read buffer, per thread, is 16 × this unless set: 128 MB each, which alone used up a 256 MB
 * memory limit (2026-12-03); twice the longest line is enough.
 */
const DUCK_MAX_LINE = 8 * 1024 * 1024;

/**
 * Normalize a column of qz once per distinct value: `fast` (SQL over `raw`) gives the key where SQL
 * is exact, `slow` (TypeScript) the rest. A value that does not normalize makes its rows odd. Only
 * rows whose value changes are updated: in most logs names are lower case and addresses canonical,
 * and then nothing is (updating every IPv6 client of the 100M-line uniform log, 10M rows, took 24 s
 * on 2026-12-04).
 */
async function normalizeColumn(agg: TableEngine, col: string, fast: string, slow: (raw: string) => string | null): Promise<void> {
  const db = agg.db;
  await db.run(`CREATE OR REPLACE TEMP TABLE fix AS SELECT raw, ${fast} AS key FROM (SELECT DISTINCT ${col} AS raw FROM qz WHERE kind = 0 AND ${col} IS NOT NULL)`);
  const raws = await db.rows('SELECT raw FROM fix WHERE key IS NULL');
  if (raws.length) {
    await db.run('CREATE OR REPLACE TEMP TABLE fixj (raw VARCHAR, key VARCHAR)');
    const a = await db.appender('fixj');
    for (const [raw] of raws) {
      const key = slow(raw as string);
      a.appendVarchar(raw as string);
      if (key === null) a.appendNull(); else a.appendVarchar(key);
      a.endRow();
    }
    a.closeSync();
    await db.run('UPDATE fix SET key = fixj.key FROM fixj WHERE fix.key IS NULL AND fix.raw = fixj.raw; DROP TABLE fixj');
  }
  await db.run('DELETE FROM fix WHERE key = raw');
  const [[changed]] = await db.rows('SELECT count(*)::DOUBLE FROM fix');
  if ((changed as number) > 0) {
    await db.run(`UPDATE qz SET ${col} = fix.key, kind = CASE WHEN fix.key IS NULL THEN 2 ELSE 0 END
      FROM fix WHERE qz.kind = 0 AND qz.${col} = fix.raw`);
  }
  await db.run('DROP TABLE fix');
}

/**
 * Answer sets typed once per distinct (name, query type, answers) text, as the Zeek parser types
 * them; each resulting edge is observed with the set's count, first/last time and ref. Sets of
 * canonical dotted quads only (most of them) are typed in SQL at once: each value is an A answer
 * of the query name, whatever the query type (answerClassifier's rule). The other sets are split
 * into their values; each distinct value is classified once — in SQL when it is a canonical
 * dotted quad or a plain ASCII name, by the parser's classifier otherwise (IPv6, IPs not in
 * canonical form, TXT, IDN) — and the sets are typed in SQL by answersFromKinds' rules (a name
 * takes the query type when that type carries a name, else it is a CNAME; a CNAME moves the owner
 * of the answers after it). Answers whose edge needs a library (NS/MX: the registered domain,
 * PTR: the address a reverse name spells) are observed in TypeScript, the rest inserted by SQL.
 * Typing 80k such sets one by one in TypeScript took 0.61 s of a 1M-line heavy-tailed load
 * (2026-12-04). Returns the answer values dropped (counted per lookup, as the parser counts them).
 */
async function typeAnswers(agg: TableEngine, line: string): Promise<number> {
  const db = agg.db;
  await db.run(`CREATE TEMP TABLE aq AS SELECT qname, qtype, ans, count(*)::DOUBLE AS n, min(ts)::DOUBLE AS f, max(ts)::DOUBLE AS l,
      ${refLine(`min(${refKey('ts', line)})`)} AS ref, regexp_full_match(ans, '${FAST_V4}(?:,${FAST_V4})*') AS v4
    FROM qz WHERE kind = 0 AND ans IS NOT NULL GROUP BY qname, qtype, ans`);
  // Each set's answers as the event store keeps them (`TYPE value`), joined back per lookup there.
  await db.run(`CREATE TABLE aset AS SELECT qname, qtype, ans, list_transform(string_split(ans, ','), x -> 'A ' || x) AS answers FROM aq WHERE v4`);
  await db.run(`INSERT INTO ${agg.answerTable} SELECT 0, qname, unnest(string_split(ans, ',')), 'A', n, f, l, ref FROM aq WHERE v4`);
  await db.run(`CREATE TEMP TABLE ax AS SELECT row_number() OVER () AS id, qname, qtype, ans, n, f, l, ref, len(string_split(ans, ',')) AS len FROM aq WHERE NOT v4`);
  await db.run(`CREATE TEMP TABLE av AS
    SELECT ax.id, x.k, x.v, ax.len FROM ax, unnest(string_split(ax.ans, ',')) WITH ORDINALITY AS x(v, k)`);
  await classifyValues(db);
  await db.run(`CREATE TEMP TABLE ats AS
    WITH t AS (
      SELECT av.id, av.k, ak.key AS v, CASE WHEN ak.t IS NULL THEN NULL WHEN ak.t <> 'NAME' THEN ak.t
          WHEN s.qtype IN (${NAME_TYPES.map(lit).join(', ')}) THEN s.qtype WHEN av.k < av.len OR s.qtype IS NOT NULL THEN 'CNAME' ELSE 'UNKNOWN' END AS type
      FROM av JOIN ak ON ak.raw = av.v JOIN ax s ON s.id = av.id)
    SELECT t.id, t.k, t.v, t.type, s.qname, s.qtype, s.ans, s.n, s.f, s.l, s.ref,
      coalesce(last_value(CASE WHEN t.type = 'CNAME' THEN t.v END IGNORE NULLS) OVER (PARTITION BY t.id ORDER BY t.k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), s.qname) AS owner
    FROM t JOIN ax s ON s.id = t.id`);
  // Sorting each set's small list beats list(… ORDER BY k), which sorts all the rows: 85 ms against
  // 180 ms for the 1M-line heavy-tailed log (2026-12-06).
  await db.run(`INSERT INTO aset SELECT qname, qtype, ans, coalesce(list_transform(list_sort(list({'k': k, 's': type || ' ' || v}) FILTER (WHERE type IS NOT NULL)), x -> x.s), []::VARCHAR[])
    FROM ats GROUP BY id, qname, qtype, ans`);
  await db.run(`INSERT INTO ${agg.answerTable} SELECT CASE type WHEN 'CNAME' THEN 1 ELSE 0 END, owner, v, type, n, f, l, ref FROM ats WHERE type IN ('A', 'AAAA', 'CNAME')`);
  for (const [owner, type, v, n, f, l, ref] of await db.rows(`SELECT owner, type, v, n, f, l, ref FROM ats WHERE type IN ('NS', 'MX', 'PTR') ORDER BY id, k`)) {
    agg.answerObservation({ name: owner as string, type: type as string, value: v as string }, f === null ? NaN : (f as number), l === null ? NaN : (l as number), n as number, ref as number);
  }
  const [[dropped]] = await db.rows('SELECT coalesce(sum(n), 0)::DOUBLE FROM ats WHERE type IS NULL');
  await db.run('DROP TABLE aq; DROP TABLE ax; DROP TABLE av; DROP TABLE ak; DROP TABLE ats');
  return dropped as number;
}

/**
 * Table ak: each distinct answer value of the sets in av with its kind (A, AAAA, TXT, NAME; NULL:
 * neither, dropped) and key. Canonical dotted quads, IPv6 in its usual canonical form and plain
 * names are typed here; dotted-quad look-alikes that are not canonical ("1.2.3.04") are the
 * classifier's: it reads them as addresses, as it does other IPv6 forms and TXT.
 */
async function classifyValues(db: TableEngine['db']): Promise<void> {
  await db.run(`CREATE TEMP TABLE ak AS
    SELECT v AS raw, CASE c WHEN 1 THEN 'A' WHEN 2 THEN 'NAME' WHEN 3 THEN 'AAAA' END AS t, CASE WHEN c IN (1, 3) THEN v WHEN c = 2 THEN lower(rtrim(v, '.')) END AS key, c = 0 AS slow
    FROM (SELECT v, CASE WHEN regexp_full_match(v, '${FAST_V4}') THEN 1
        WHEN regexp_full_match(v, '${FAST_NAME}') AND length(rtrim(v, '.')) <= 253 AND NOT regexp_full_match(v, '[0-9]{1,3}(?:\\.[0-9]{1,3}){3}') THEN 2
        WHEN ${fastV6('v')} THEN 3 ELSE 0 END AS c
      FROM (SELECT DISTINCT v FROM av))`);
  const slow = await db.rows('SELECT raw FROM ak WHERE slow');
  if (!slow.length) return;
  const classify = answerClassifier(makeNormalizers());
  await db.run('CREATE TEMP TABLE akj (raw VARCHAR, t VARCHAR, key VARCHAR)');
  const a = await db.appender('akj');
  for (const [raw] of slow) {
    const k = classify(raw as string);
    a.appendVarchar(raw as string);
    if (k === null) { a.appendNull(); a.appendNull(); } else { a.appendVarchar(k.t); a.appendVarchar(k.v); }
    a.endRow();
  }
  a.closeSync();
  await db.run('UPDATE ak SET t = akj.t, key = akj.key FROM akj WHERE ak.slow AND ak.raw = akj.raw; DROP TABLE akj');
}

const ANSWERS = LIST(VARCHAR);

/** Feed the header and the given lines (ascending) to the Zeek parser; returns answers it dropped. */
async function parseLines(agg: TableEngine, file: string, gz: boolean, headerLines: number, lines: number[]): Promise<number> {
  const parser = createZeekTsvParser({});
  let dropped = 0;
  const sink: Sink = {
    query: (e) => agg.query(e), passive: (r) => agg.passive(r), entity: (e) => agg.entity(e), edge: (e) => agg.edge(e),
    reject: (ref, reason) => agg.reject(ref, reason),
    note: (m) => {
      const d = /^(\d+) answer value\(s\) were neither/.exec(m);
      if (d) dropped += Number(d[1]); else agg.note(m);
    },
  };
  let k = 0;
  await forEachLine(openStream(file, gz), 0, 0, (text, no) => {
    if (no <= headerLines) parser.line(text, no, sink);
    else if (k < lines.length && lines[k] === no) { k++; parser.line(text, no, sink); }
  }, async () => {}, true);
  parser.end(sink);
  return dropped;
}

/**
 * Lines of the file, the end of its last complete line, whether any line is blank (DuckDB skips
 * those), the longest line, and whether the last line has no line end.
 */
async function scanLines(file: string, gz: boolean): Promise<{ lines: number; endByte: number; blank: boolean; longest: number; partial: boolean }> {
  let lines = 0, bytes = 0, lastNl = -1, blank = false, longest = 0;
  let prev1 = 10, prev2 = 10; // as if preceded by a newline: a blank first line counts
  for await (const chunk of openStream(file, gz)) {
    const b = chunk as Buffer;
    for (let nl = b.indexOf(10); nl !== -1; nl = b.indexOf(10, nl + 1)) {
      lines++;
      const p1 = nl >= 1 ? b[nl - 1] : prev1, p2 = nl >= 2 ? b[nl - 2] : nl === 1 ? prev1 : prev2;
      if (p1 === 10 || (p1 === 13 && p2 === 10)) blank = true;
      if (bytes + nl - lastNl - 1 > longest) longest = bytes + nl - lastNl - 1;
      lastNl = bytes + nl;
    }
    if (b.length >= 2) { prev1 = b[b.length - 1]; prev2 = b[b.length - 2]; } else if (b.length === 1) { prev2 = prev1; prev1 = b[0]; }
    bytes += b.length;
  }
  const partial = bytes > lastNl + 1;
  if (bytes - lastNl - 1 > longest) longest = bytes - lastNl - 1;
  return { lines: lines + (partial ? 1 : 0), endByte: partial ? bytes : lastNl + 1, blank, longest, partial };
}

/** The leading `#` lines, read as the parser reads them (null when they do not end within the first 64 KiB). */
async function readHeader(file: string, gz: boolean): Promise<Header | null> {
  const head = (gz ? await gunzipHead(file) : await readHead(file)).toString('utf8');
  const z = new ZeekHeader();
  let lines = 0, pos = 0;
  for (;;) {
    const nl = head.indexOf('\n', pos);
    if (nl < 0) return null;
    let text = head.slice(pos, nl);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (!text.startsWith('#')) break;
    pos = nl + 1;
    lines++;
    z.directive(text);
  }
  return z.cols ? { lines, cols: z.cols, plain: z.plain } : null;
}

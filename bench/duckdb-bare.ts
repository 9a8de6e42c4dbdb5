// The engine's limit: DuckDB alone doing the same aggregation on a Zeek TSV dns.log with bare
// SQL — read_csv with explicit VARCHAR columns, lower-case names without the trailing dot, pairs
// (client, name) with count, first/last, query-type and rcode sets and 15-minute histograms (--lean: none);
// answers typed per distinct answer set (IPs → RESOLVES_TO, names → the query type or a CNAME
// chain) into DNS edges with count and first/last; distinct hosts, IPs and registered domains.
// No line numbers, no rejects, no IDN, no public-suffix list (the registered domain is taken as
// the last two labels): what the project adds on top of this is what bench/zeek-parse.ts costs
// beyond this script. Results are materialized as tables, not read out.
//   npx tsx bench/duckdb-bare.ts bench/out/dns-zeek-tsv-heavy-1000000.log [--threads N] [--memory 1GB] [--lean]
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { threads: { type: 'string' }, memory: { type: 'string', default: '1GB' }, lean: { type: 'boolean', default: false } } });
const file = positionals[0] ?? 'bench/out/dns-zeek-tsv-heavy-1000000.log';
const t0 = performance.now();
// The header only (reading the whole file here would bill this side for a second read).
const buf = Buffer.alloc(1 << 16);
const fd = openSync(file, 'r');
const head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0)).split('\n');
closeSync(fd);
const headerLines = head.findIndex((l) => !l.startsWith('#'));
const fields = head.find((l) => l.startsWith('#fields\t'))!.split('\t').slice(1);
const col = (f: string) => `c${fields.indexOf(f)}`;
const columns = fields.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
// A temp directory as the engine has: without one DuckDB fails instead of spilling past the limit.
const tmp = mkdtempSync(path.join(tmpdir(), 'duckdb-bare-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const config: Record<string, string> = { memory_limit: values.memory!, temp_directory: tmp };
if (values.threads) config.threads = values.threads;
const db = await DuckDBInstance.create(':memory:', config);
const c = await db.connect();
const q = async (sql: string) => (await c.runAndReadAll(sql)).getRows();

await q(`CREATE TABLE ev AS SELECT round(${col('ts')}::DECIMAL(18, 3)::DOUBLE * 1000)::BIGINT AS ts, ${col('id.orig_h')} AS client,
    lower(rtrim(${col('query')}, '.')) AS qname, upper(${col('qtype_name')}) AS qtype, nullif(upper(${col('rcode_name')}), '-') AS rcode,
    nullif(${col('answers')}, '-') AS ans
  FROM read_csv('${file}', delim = '\t', quote = '', escape = '', header = false, skip = ${headerLines}, columns = {${columns}},
    auto_detect = false, comment = '#')`);
// --lean: the pairs without the histogram, as the importer aggregates them by default.
await q(values.lean ? `CREATE TABLE lk AS SELECT client, qname, count(*) AS n, min(ts) AS f, max(ts) AS l, list_sort(list_distinct(list(qtype))) AS qt,
    list_sort(list_distinct(list(rcode))) AS rc FROM ev GROUP BY client, qname` : `CREATE TABLE lk AS
  WITH a AS (SELECT client, qname, floor(ts / 900000.0) AS bk, qtype, rcode, count(*) AS n, min(ts) AS f, max(ts) AS l FROM ev GROUP BY ALL)
  SELECT client, qname, sum(n) AS n, min(f) AS f, max(l) AS l, list_sort(list_distinct(list(qtype))) AS qt,
    list_sort(list_distinct(list(rcode))) AS rc, list(bk) AS bk, list(n) AS bc
  FROM a GROUP BY client, qname`);
await q(`CREATE TABLE dn AS
  WITH s AS (SELECT qname, qtype, ans, count(*) AS n, min(ts) AS f, max(ts) AS l FROM ev WHERE ans IS NOT NULL GROUP BY ALL),
  u AS (SELECT qname, qtype, ans, n, f, l, k, v, regexp_full_match(v, '[0-9.]+|[0-9a-fA-F:]+:[0-9a-fA-F:.]*') AS ip, count(*) OVER (PARTITION BY qname, qtype, ans) AS len
        FROM s, unnest(string_split(ans, ',')) WITH ORDINALITY AS x(v, k)),
  o AS (SELECT *, coalesce(last_value(CASE WHEN NOT ip THEN v END IGNORE NULLS) OVER (PARTITION BY qname, qtype, ans ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), qname) AS owner FROM u),
  e AS (SELECT CASE WHEN ip THEN 'RESOLVES_TO' WHEN qtype IN ('NS', 'MX', 'PTR') THEN qtype WHEN k < len OR qtype IS NOT NULL THEN 'ALIAS_OF' END AS t,
          CASE WHEN qtype IN ('NS', 'MX') AND NOT ip THEN regexp_extract(owner, '[^.]+\\.[^.]+$') ELSE owner END AS src, lower(v) AS dst, n, f, l FROM o)
  SELECT t, src, dst, sum(n) AS n, min(f) AS f, max(l) AS l FROM e WHERE t IS NOT NULL GROUP BY ALL`);
await q(`CREATE TABLE hosts AS SELECT DISTINCT h FROM (SELECT qname AS h FROM ev UNION ALL SELECT src FROM dn WHERE t IN ('RESOLVES_TO', 'ALIAS_OF') UNION ALL SELECT dst FROM dn WHERE t <> 'RESOLVES_TO')`);
await q(`CREATE TABLE ips AS SELECT DISTINCT ip FROM (SELECT client AS ip FROM ev UNION ALL SELECT dst FROM dn WHERE t = 'RESOLVES_TO')`);
await q(`CREATE TABLE domains AS SELECT DISTINCT regexp_extract(h, '[^.]+\\.[^.]+$') AS d FROM hosts`);
const [[events, pairs, dns, hosts, ips, domains]] = await q(`SELECT (SELECT count(*) FROM ev), (SELECT count(*) FROM lk), (SELECT count(*) FROM dn),
  (SELECT count(*) FROM hosts), (SELECT count(*) FROM ips), (SELECT count(*) FROM domains)`);
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({
  file, threads: values.threads ?? 'all', lean: values.lean, events: Number(events), pairs: Number(pairs), dns: Number(dns), hosts: Number(hosts), ips: Number(ips),
  domains: Number(domains), seconds: +seconds.toFixed(3), rowsPerSec: Math.round(Number(events) / seconds),
}));

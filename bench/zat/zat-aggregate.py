"""The importer's aggregation (bench/zeek-parse.ts, mode `importer`) on top of zat's reader, for a
side-by-side figure with the same work on both sides: every host, IP and registered domain numbered
once; per (client, name) pair a count, first/last time, query-type and rcode sets and a 15-minute
histogram; answers typed as Zeek writes them (IPs, TXT, names typed by the query type or as a CNAME
chain) and aggregated into RESOLVES_TO / ALIAS_OF / NAME_SERVER / MAIL_SERVER / PTR edges with
count and first/last time. Names, clients, answer values and whole answer fields are memoized
per distinct text, as the TypeScript reader does, so neither side normalizes the same text twice
(the TypeScript side also reuses the answers built for a name, type and answer text).

Not mirrored, as the generated logs need none of it: column-count and id.resp_h checks, the
TYPE<n> fallback for a missing qtype_name, IDN names.

Usage: bench/out/venv/bin/python bench/zat/zat-aggregate.py bench/out/dns-1m.log
(the venv needs `pip install zat tldextract`; tldextract runs on its bundled suffix list, offline)."""
import datetime
import json
import sys
import time

from zat.zeek_log_reader import ZeekLogReader
from zeek_values import NAME_TYPES, canonical_ip, classify, normalize_name, registered_domain, reverse_name_to_ip

BUCKET_S = 15 * 60

path = sys.argv[1] if len(sys.argv) > 1 else "bench/out/dns-1m.log"


hosts, ips, domains = {}, {}, {}


def intern(table, key):
    i = table.get(key)
    if i is None:
        i = table[key] = len(table)
    return i


def host(name):
    i = hosts.get(name)
    if i is None:
        i = hosts[name] = len(hosts)
        d = registered_domain(name)
        if d:
            intern(domains, d)
    return i


names, addrs, kinds, answer_sets = {}, {}, {}, {}


def memo(cache, fn, raw):
    v = cache.get(raw, cache)
    if v is cache:
        v = cache[raw] = fn(raw)
    return v


def classify_set(text):
    """An answers field: its values classified, and how many were dropped."""
    ks = [memo(kinds, classify, raw) for raw in text.split(",")]
    return ks, sum(1 for k in ks if k is None)


# zat's reader gives an unset time ("-") as this instant rather than as no time.
UNSET_TS = datetime.datetime.fromtimestamp(86400)

pairs = {}  # (cid, hid) -> [count, first, last, qtypes, rcodes, {bucket: count}]
dns = {}    # (edge type, from, to) -> [count, first, last, rrtype]
dropped = rows = rejects = 0


def answer_edge(owner, rtype, value, ts):
    if rtype in ("A", "AAAA"):
        key = ("RESOLVES_TO", host(owner), intern(ips, value))
    elif rtype == "CNAME":
        key = ("ALIAS_OF", host(owner), host(value))
    elif rtype in ("NS", "MX"):
        d = registered_domain(owner)
        if not d:
            return
        key = ("NAME_SERVER" if rtype == "NS" else "MAIL_SERVER", intern(domains, d), host(value))
    elif rtype == "PTR":
        ip = reverse_name_to_ip(owner)
        if not ip:
            return
        key = ("PTR", intern(ips, ip), host(value))
    else:
        return
    e = dns.get(key)
    if e is None:
        dns[key] = [1, ts, ts, rtype]
    else:
        e[0] += 1
        if ts is not None:
            if e[1] is None or ts < e[1]:
                e[1] = ts
            if e[2] is None or ts > e[2]:
                e[2] = ts


t0 = time.perf_counter()
for row in ZeekLogReader(path).readrows():
    rows += 1
    q = row.get("query")
    qname = memo(names, normalize_name, q) if isinstance(q, str) and q != "-" else None
    if qname is None:
        rejects += 1
        continue
    ts_dt = row.get("ts")
    ts = ts_dt.timestamp() if isinstance(ts_dt, datetime.datetime) and ts_dt != UNSET_TS else None
    qtype = row.get("qtype_name")
    qtype = qtype.upper() if isinstance(qtype, str) and qtype != "-" else None
    rcode = row.get("rcode_name")
    rcode = rcode.upper() if isinstance(rcode, str) and rcode != "-" else None
    client = row.get("id.orig_h")
    c = None
    if isinstance(client, str) and client != "-":
        c = memo(addrs, canonical_ip, client)
        if c is None:
            rejects += 1
            continue
    hid = host(qname)
    if c is not None:
        key = (intern(ips, c), hid)
        p = pairs.get(key)
        if p is None:
            p = pairs[key] = [0, None, None, set(), set(), {}]
        p[0] += 1
        if qtype:
            p[3].add(qtype)
        if rcode:
            p[4].add(rcode)
        if ts is not None:
            if p[1] is None or ts < p[1]:
                p[1] = ts
            if p[2] is None or ts > p[2]:
                p[2] = ts
            b = int(ts // BUCKET_S)
            p[5][b] = p[5].get(b, 0) + 1
    answers = row.get("answers")
    if isinstance(answers, str) and answers not in ("-", "(empty)", ""):
        ks, n_dropped = memo(answer_sets, classify_set, answers)
        dropped += n_dropped
        name_type = qtype if qtype in NAME_TYPES else None
        owner = qname
        for k, kind in enumerate(ks):
            if kind is None:
                continue
            t = kind[0] if kind[0] != "NAME" else name_type or ("CNAME" if k < len(ks) - 1 or qtype else "UNKNOWN")
            answer_edge(owner, t, kind[1], ts)
            if t == "CNAME":
                owner = kind[1]
secs = time.perf_counter() - t0
print(json.dumps({"file": path, "rows": rows, "rejects": rejects, "pairs": len(pairs), "dnsEdges": len(dns),
                  "nodes": len(hosts) + len(ips) + len(domains), "droppedAnswers": dropped,
                  "seconds": round(secs, 3), "rowsPerSec": round(rows / secs)}))

"""The importer's aggregation with zat's LogToDataFrame (pandas), for the side-by-side figure of
bench/engine-bench.ts: pairs (client, name) with count, first/last time, query-type and rcode sets
and 15-minute histograms; answers typed per distinct (name, query type, answers) text as Zeek writes
them (IPs, TXT, names typed by the query type or as a CNAME chain) into RESOLVES_TO / ALIAS_OF /
NAME_SERVER / MAIL_SERVER / PTR edges with count and first/last time; distinct hosts, IPs and
registered domains (tldextract on its bundled suffix list, offline), each computed once per
distinct value. Vectorized where pandas can (group-bys); per distinct value in Python otherwise.

Usage: bench/out/venv/bin/python bench/zat/zat-dataframe.py bench/out/dns-zeek-tsv-heavy-1000000.log"""
import json
import sys
import time

import pandas as pd
from zat.log_to_dataframe import LogToDataFrame
from zeek_values import NAME_TYPES, canonical_ip, classify, normalize_name, registered_domain, reverse_name_to_ip

BUCKET_S = 15 * 60
path = sys.argv[1] if len(sys.argv) > 1 else "bench/out/dns-zeek-tsv-heavy-1000000.log"


def edges_of(qname, qtype, answers):
    """The DNS edges one answers field stands for: (type, from, to, rrtype)."""
    out = []
    kinds = [classify(v) for v in answers.split(",")]
    owner = qname
    name_type = qtype if qtype in NAME_TYPES else None
    for k, kind in enumerate(kinds):
        if kind is None:
            continue
        t, v = kind
        if t == "NAME":
            t = name_type or ("CNAME" if k < len(kinds) - 1 or qtype else "UNKNOWN")
        if t in ("A", "AAAA"):
            out.append(("RESOLVES_TO", owner, v, t))
        elif t == "CNAME":
            out.append(("ALIAS_OF", owner, v, t))
        elif t in ("NS", "MX"):
            d = registered_domain(owner)
            if d:
                out.append(("NAME_SERVER" if t == "NS" else "MAIL_SERVER", d, v, t))
        elif t == "PTR":
            ip = reverse_name_to_ip(owner)
            if ip:
                out.append(("PTR", ip, v, t))
        if t == "CNAME":
            owner = v
    return out


t0 = time.perf_counter()
df = LogToDataFrame().create_dataframe(path, ts_index=False)
rows = len(df)
# Normalization once per distinct value, mapped back.
q = df["query"].astype(str)
names = {v: normalize_name(v) for v in q.unique()}
df["qname"] = q.map(names)
c = df["id.orig_h"].astype(str)
addrs = {v: canonical_ip(v) for v in c.unique()}
df["client"] = c.map(addrs)
df = df[df["qname"].notna()]
df["t"] = df["ts"].astype("int64") / 1e9
df["qt"] = df["qtype_name"].astype(str).str.upper()
df["rc"] = df["rcode_name"].astype(str).str.upper()
df["bk"] = (df["t"] // BUCKET_S).astype("int64")

lk = df[df["client"].notna()]
# Per pair: count and first/last; its query-type and rcode sets and its histogram in long form
# (one row per pair and value / bucket), which is how pandas holds them without Python per group.
pairs = lk.groupby(["client", "qname"], sort=False).agg(n=("t", "size"), f=("t", "min"), l=("t", "max"))
qtypes = lk[["client", "qname", "qt"]].drop_duplicates()
rcodes = lk[["client", "qname", "rc"]].drop_duplicates()
hist = lk.groupby(["client", "qname", "bk"], sort=False).size()

ans = df["answers"].astype(str)
has = df[~ans.isin(["-", "(empty)", "", "nan", "None"])]
sets = has.groupby(["qname", "qt", has["answers"].astype(str)], sort=False).agg(n=("t", "size"), f=("t", "min"), l=("t", "max")).reset_index()
dns = {}
for qname, qt, answers, n, f, l in sets.itertuples(index=False):
    for key in edges_of(qname, qt, answers):
        e = dns.get(key)
        if e is None:
            dns[key] = [n, f, l]
        else:
            e[0] += n
            e[1] = min(e[1], f)
            e[2] = max(e[2], l)

hosts = set(df["qname"].unique())
for (t, a, b, _rr) in dns:
    if t in ("RESOLVES_TO", "ALIAS_OF"):
        hosts.add(a)
    if t != "RESOLVES_TO":
        hosts.add(b)
ips = set(lk["client"].unique()) | {b for (t, _a, b, _rr) in dns if t == "RESOLVES_TO"}
domains = {d for d in (registered_domain(h) for h in hosts) if d}
secs = time.perf_counter() - t0
print(json.dumps({"file": path, "rows": rows, "pairs": len(pairs), "qtypeRows": len(qtypes), "rcodeRows": len(rcodes), "buckets": len(hist), "dns": len(dns),
                  "hosts": len(hosts), "ips": len(ips), "domains": len(domains),
                  "seconds": round(secs, 3), "rowsPerSec": round(rows / secs)}))

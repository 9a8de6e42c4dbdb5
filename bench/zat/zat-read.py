"""Same work as bench/zeek-parse.ts with the zat package: read a Zeek dns.log and count
client -> query pairs. Usage: bench/out/venv/bin/python bench/zat/zat-read.py bench/out/dns-1m.log"""
import json
import sys
import time

from zat.zeek_log_reader import ZeekLogReader

path = sys.argv[1] if len(sys.argv) > 1 else "bench/out/dns-1m.log"
t0 = time.perf_counter()
pairs = {}
rows = 0
for row in ZeekLogReader(path).readrows():
    rows += 1
    client = str(row.get("id.orig_h", "-"))
    q = row.get("query")
    q = q.lower().rstrip(".") if isinstance(q, str) else "-"
    per = pairs.setdefault(client, {})
    per[q] = per.get(q, 0) + 1
secs = time.perf_counter() - t0
print(json.dumps({"file": path, "rows": rows, "clients": len(pairs),
                  "pairs": sum(len(m) for m in pairs.values()), "seconds": round(secs, 3),
                  "rowsPerSec": round(rows / secs)}))

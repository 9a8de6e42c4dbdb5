"""Value normalization shared by the Python peers (zat-aggregate.py, zat-dataframe.py), written to
match the importer's rules for the generated logs: names lower-cased without the trailing dot and
checked label by label, IPs canonical (IPv4-mapped IPv6 as IPv4), registered domains by tldextract
on its bundled suffix list (offline), reverse names to IPs, answer values typed."""
import ipaddress
import re

import tldextract

NAME_TYPES = {"CNAME", "NS", "MX", "PTR", "SRV", "DNAME", "SOA", "NAPTR", "KX", "AFSDB", "RT"}
LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)


def normalize_name(raw):
    n = raw.lower()
    if n.endswith("."):
        n = n[:-1]
    if not n or len(n) > 253:
        return None
    return n if all(LABEL.match(label) for label in n.split(".")) else None


def canonical_ip(raw):
    try:
        ip = ipaddress.ip_address(raw)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return str(ip)


def registered_domain(host):
    if host.endswith(".arpa"):
        return None
    r = extract(host)
    return f"{r.domain}.{r.suffix}" if r.domain and r.suffix else None


def reverse_name_to_ip(name):
    if name.endswith(".in-addr.arpa"):
        parts = name[: -len(".in-addr.arpa")].split(".")
        return canonical_ip(".".join(reversed(parts))) if len(parts) == 4 else None
    if name.endswith(".ip6.arpa"):
        nib = name[: -len(".ip6.arpa")].split(".")
        if len(nib) != 32:
            return None
        h = "".join(reversed(nib))
        return canonical_ip(":".join(h[i:i + 4] for i in range(0, 32, 4)))
    return None


def classify(raw):
    """One answer value: ("TXT", text), ("A"|"AAAA", ip), ("NAME", name) or None when unusable."""
    if raw.startswith("TXT "):
        return ("TXT", raw)
    ip = canonical_ip(raw)
    if ip is not None:
        return ("AAAA" if ":" in ip else "A", ip)
    n = normalize_name(raw)
    return None if n is None else ("NAME", n)

// Open loopback mode (no tokens) trusts whoever can reach 127.0.0.1. A web page can reach it too,
// through DNS rebinding: attacker.example first resolves to the attacker, then to 127.0.0.1, and
// the browser sends `Host: attacker.example`. Answering only the names this server is reached by
// on this machine closes that door.
import type { Request, Response, NextFunction } from 'express';
import { ErrorCode } from '../errors.ts';

/** Host header values (lower case) that name this server: loopback names and the bound host, with and without the port. */
export function servedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const b = boundHost.toLowerCase();
  names.add(b.includes(':') && !b.startsWith('[') ? `[${b}]` : b);
  const out = new Set<string>();
  for (const n of names) { out.add(n); out.add(`${n}:${port}`); }
  return out;
}

export function hostCheck(boundHost: string, port: () => number) {
  let cache: { port: number; hosts: Set<string> } | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const p = port();
    if (!cache || cache.port !== p) cache = { port: p, hosts: servedHosts(boundHost, p) };
    const host = (req.headers.host ?? '').toLowerCase();
    if (cache.hosts.has(host)) { next(); return; }
    res.status(403).json({ errors: [{
      message: `Host "${host.replace(/[^\x20-\x7e]/g, '?').slice(0, 100)}" is not served: without tokens this server answers only requests addressed to localhost, 127.0.0.1 or [::1] (DNS rebinding protection). Set INFRAGRAPH_TOKENS to serve other names.`,
      extensions: { code: ErrorCode.FORBIDDEN },
    }] });
  };
}

// Open loopback mode (no tokens) trusts whoever can reach 127.0.0.1. A web page can reach it too,
// through DNS rebinding: attacker.example first resolves to the attacker, then to 127.0.0.1, and
// the browser sends `Host: attacker.example`. Answering only the names this server is reached by
// on this machine closes that door. Any port is accepted with those names: a page cannot choose
// the name the browser sends, and the client's dev server proxies from its own port.
import type { Request, Response, NextFunction } from 'express';
import { ErrorCode } from '../errors.ts';

/** The host names (lower case, IPv6 in brackets) that name this server. */
export function servedHostNames(boundHost: string): Set<string> {
  const b = boundHost.toLowerCase();
  return new Set(['localhost', '127.0.0.1', '[::1]', b.includes(':') && !b.startsWith('[') ? `[${b}]` : b]);
}

/** The name part of a Host header ("[::1]:4000" → "[::1]", "localhost:4000" → "localhost"); undefined when malformed. */
export function hostName(header: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim().toLowerCase());
  return m?.[1];
}

export function hostCheck(boundHost: string) {
  const names = servedHostNames(boundHost);
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.host ?? '';
    const name = hostName(header);
    if (name !== undefined && names.has(name)) { next(); return; }
    res.status(403).json({ errors: [{
      message: `Host "${header.replace(/[^\x20-\x7e]/g, '?').slice(0, 100)}" is not served: without tokens this server answers only requests addressed to localhost, 127.0.0.1 or [::1] (DNS rebinding protection). Set INFRAGRAPH_TOKENS to serve other names.`,
      extensions: { code: ErrorCode.FORBIDDEN },
    }] });
  };
}

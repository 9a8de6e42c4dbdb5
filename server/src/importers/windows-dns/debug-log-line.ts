// One PACKET line of a Windows DNS Server debug log, e.g.
// `5/21/2015 1:51:18 PM 0D48 PACKET  000000000181D1C0 UDP Rcv 10.250.2.246    0c6b   Q [0001   D   NOERROR] A      (10)sitecheck2(5)opera(3)com(0)`.
// Dates follow the server's locale (US `M/D/YYYY h:mm:ss AM`, `D/M/YYYY HH:mm:ss`, `D.M.YYYY`,
// `YYYY-MM-DD`); the day/month order of a file is settled by the first date with a part over 12.

export interface PacketLine {
  /** Local wall-clock time as epoch ms (the log has no zone). */
  ts: number;
  proto: 'udp' | 'tcp';
  send: boolean;
  remote: string;
  xid: string;
  response: boolean;
  opcode: string;
  flagsHex: string;
  flagChars: string;
  rcode: string;
  qtype: string;
  /** Dotted name decoded from the length-prefixed form, without the root. */
  name: string;
}

const HEAD = /^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AaPp][Mm]))? +([0-9A-Fa-f]+) +(\S+)(?: +(.*))?$/;
const PACKET = /^([0-9A-Fa-f]+) +(UDP|TCP) +(Snd|Rcv) +(\S+) +([0-9A-Fa-f]{1,4}) ([R ]) ([QNU?]) \[([^\]]*)\] +(\S+) +(\S+)\s*$/;

export type DateOrder = 'MDY' | 'DMY';

export interface DateState { order?: DateOrder; assumed: number }

export type LineResult =
  | { kind: 'packet'; packet: PacketLine }
  | { kind: 'other' } // a dated line that is not a packet (EVENT, notes)
  | { kind: 'bad'; reason: string }
  | { kind: 'none' }; // not a dated log line at all

/** `(5)ctldl(13)windowsupdate(3)com(0)` → `ctldl.windowsupdate.com`; null when the lengths do not match. */
export function decodeLengthPrefixed(s: string): string | null {
  const labels: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '(') return null;
    const close = s.indexOf(')', i);
    if (close < 0) return null;
    const n = Number(s.slice(i + 1, close));
    if (!Number.isInteger(n) || n < 0 || n > 63) return null;
    if (n === 0) return close === s.length - 1 ? labels.join('.') : null; // '' = the root
    const label = s.slice(close + 1, close + 1 + n);
    if (label.length !== n) return null;
    labels.push(label);
    i = close + 1 + n;
  }
  return labels.length ? labels.join('.') : null;
}

function localMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(t).getUTCDate() === d ? t : NaN;
}

export function parseDebugLine(text: string, st: DateState): LineResult {
  const m = HEAD.exec(text);
  if (!m) return { kind: 'none' };
  const a = Number(m[1]), b = Number(m[3]), c = Number(m[4]);
  let y: number, mo: number, d: number;
  if (m[1].length === 4) { y = a; mo = b; d = c; } else {
    if (a > 12) st.order = 'DMY'; else if (b > 12) st.order = 'MDY';
    let order = st.order;
    // Undecided so far: a 12-hour clock is the US locale (M/D); 24-hour locales put the day first.
    if (!order) { order = m[8] ? 'MDY' : 'DMY'; st.assumed++; }
    if (order === 'MDY') { mo = a; d = b; } else { d = a; mo = b; }
    y = c < 100 ? 2000 + c : c;
  }
  let h = Number(m[5]);
  if (m[8]) {
    if (h < 1 || h > 12) return { kind: 'bad', reason: `bad 12-hour time: ${m[5]}:${m[6]}:${m[7]} ${m[8]}` };
    h = (h % 12) + (m[8].toUpperCase() === 'PM' ? 12 : 0);
  }
  const ts = localMs(y, mo, d, h, Number(m[6]), Number(m[7]));
  if (!Number.isFinite(ts)) return { kind: 'bad', reason: `bad date or time: ${m[1]}${m[2]}${m[3]}${m[2]}${m[4]} ${m[5]}:${m[6]}:${m[7]}${m[8] ? ` ${m[8]}` : ''}` };
  if (m[10] !== 'PACKET') return { kind: 'other' };
  const p = PACKET.exec(m[11] ?? '');
  if (!p) return { kind: 'bad', reason: 'PACKET line not in the expected column layout' };
  const flags = p[8].trim().split(/\s+/);
  if (flags.length < 2 || !/^[0-9A-Fa-f]{1,4}$/.test(flags[0])) return { kind: 'bad', reason: `bad flags field: [${p[8].slice(0, 30)}]` };
  const name = decodeLengthPrefixed(p[10]);
  if (name === null) return { kind: 'bad', reason: `bad length-prefixed name: ${p[10].slice(0, 80)}` };
  return {
    kind: 'packet',
    packet: {
      ts, proto: p[2] === 'TCP' ? 'tcp' : 'udp', send: p[3] === 'Snd', remote: p[4], xid: p[5].toLowerCase(),
      response: p[6] === 'R', opcode: p[7], flagsHex: flags[0], flagChars: flags.slice(1, -1).join(''),
      rcode: flags[flags.length - 1], qtype: p[9].toUpperCase(), name,
    },
  };
}

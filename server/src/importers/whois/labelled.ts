// Every labelled WHOIS layout in one reader, driven by registry-rules.ts:
// - `Key: value` lines (ICANN gTLD output, DENIC, CNNIC, RIPN) with padded labels (`domain.....:`,
//   `Domain Name............:`, `Registrant                  :`) and NIC.tr's `** ` prefix;
// - section headers, with or without a colon, that say whose the following lines are: indented blocks
//   (Nominet, SIDN, EURid, NIC.it, thick registrar output) or flat runs up to the next header
//   (Traficom, HKIRC, KazNIC, KISA);
// - values on the lines under a label (Nominet `Registrar:` / name on the next line), and
//   continuation lines (NIC.it addresses, KazNIC statuses);
// - RPSL-style contact objects referenced by handle (AFNIC `holder-c`, Registro.br `owner-c`).
// When one answer concatenates registry and registrar output, the first value of a fact wins.
import type { Sink } from '../types.ts';
import { nameKey, registeredDomain } from '../normalize/names.ts';
import { readRegistryDate } from '../normalize/registry-dates.ts';
import { addNameServer, addStatus, contact, readPostalLines, setDate, type ContactRole, type DomainFacts } from './domain-facts.ts';
import { isRedacted, type Party } from '../normalize/registry-party.ts';
import { readFreeBlock, roleField, setPartyField } from './contact-lines.ts';
import {
  LABELS, PARTY_LABELS, REGISTRAR_LABELS, SECTIONS, labelStem, normLabel, tldRule,
  type PartyField, type Section, type Target,
} from './registry-rules.ts';

const KV = /^([^:]{1,200}?)[\s.]*:(?:\s+(.*)|)$/;
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i;
const PHONE = /^\+?[\d .()-]{6,}$/;
// A host, then only addresses (bare, in parentheses, comma-separated) or a `[OK]` check mark.
const NS_LINE = /^[^\s:]+\.?(\s+[([]?[0-9a-f:.]+[)\]]?,?)*(\s+\[[^\]]*\])?$/i;

function indentOf(l: string): number {
  let n = 0;
  while (n < l.length && (l[n] === ' ' || l[n] === '\t')) n++;
  return n;
}

function lookup<T>(table: Record<string, T>, label: string): T | undefined {
  return table[label] ?? table[labelStem(label)];
}

interface OpenSection {
  sec: Section;
  indent: number;
  ref: number;
  /** Bare lines collected for a contact/registrar block, read when the block closes. */
  free: string[];
  /** The block's lines sit deeper than its header (it ends where the indentation returns). */
  nested?: boolean;
}

export function readLabelled(lines: string[], f: DomainFacts, sink: Sink): void {
  let section: OpenSection | null = null;
  let skip = false; // inside a Verisign "Server Name:" spam record, or another domain's record
  let handleObject: { handle: string; party: Party } | null = null;
  const handles = new Map<string, Party>();
  const refs = new Map<ContactRole, string>();
  let last: { target: Target | PartyField; indent: number; party?: Party } | null = null;
  let lastNs: string | undefined;
  // Registrar details may precede the registrar's name (ICANN output puts `Registrar URL` first).
  const reg: { url?: string; ianaId?: string; email?: string; phone?: string } = {};
  const offset = () => tldRule(f.domain).offsetMin ?? 0;

  const closeSection = () => {
    if (!section) return;
    const { sec, free, ref } = section;
    if (free.length) {
      if (sec.kind === 'party') readFreeBlock(contact(f, sec.role, ref), free);
      else if (sec.kind === 'reseller') {
        const c = contact(f, 'reseller', ref);
        if (!c.name && !isRedacted(free[0])) Object.assign(c, { kind: 'org', name: free[0] }, readPostalLines(free.slice(1)));
      } else if (sec.kind === 'registrar' && f.registrar?.name === free[0] && free.length > 1 && !f.registrar.address) {
        Object.assign(f.registrar, readPostalLines(free.slice(1)));
      }
      else if (sec.kind === 'abuse') {
        for (const l of free) {
          if (EMAIL.test(l)) reg.email ??= EMAIL.exec(l)![0];
          else if (PHONE.test(l)) reg.phone ??= l;
        }
      }
    }
    section = null;
  };

  const date = (field: 'createdAt' | 'updatedAt' | 'expiresAt', v: string, ref: number, label: string) => {
    const d = readRegistryDate(v, offset());
    if (d === null) {
      sink.note(`line ${ref}: "${label}" value "${v}" is not a date this importer reads; field left out`);
      return;
    }
    if ('error' in d) return sink.reject(ref, `${label} "${v}": ${d.error}; field left out`);
    setDate(f, field, d);
  };

  const domainField = (target: Target, v: string, ref: number, label: string) => {
    if (target.includes('.')) {
      const [role, field] = target.split('.') as [ContactRole, PartyField];
      setPartyField(contact(f, role, ref), field, v);
      last = { target: field, indent: 0, party: contact(f, role, ref) };
      return;
    }
    last = { target, indent: 0 };
    switch (target) {
      case 'spam':
        skip = true;
        break;
      case 'domain': {
        const k = nameKey(v);
        if (!k || !k.includes('.')) break;
        const d = registeredDomain(k) ?? k;
        if (!f.domain) {
          f.domain = d;
          f.domainRef = ref;
        } else if (d !== f.domain) skip = true;
        break;
      }
      case 'domainId':
        f.props.registryDomainId ??= v;
        break;
      case 'registrar':
        if (!f.registrar && !isRedacted(v)) f.registrar = { name: v, ref };
        break;
      case 'registrarUrl':
        reg.url ??= v;
        break;
      case 'registrarId':
        reg.ianaId ??= v;
        break;
      case 'registrarEmail':
        reg.email ??= v;
        break;
      case 'registrarPhone':
        reg.phone ??= v;
        break;
      case 'whois':
        f.whoisServer ??= v.toLowerCase();
        break;
      case 'reseller': {
        const c = contact(f, 'reseller', ref);
        if (!c.name && !isRedacted(v)) Object.assign(c, { kind: 'org', name: v });
        break;
      }
      case 'ns': {
        const host = v.trim().split(/\s+/)[0];
        if (addNameServer(f, v, ref)) lastNs = nameKey(host) ?? undefined;
        break;
      }
      case 'nsIp':
        if (lastNs) addNameServer(f, `${lastNs} ${v}`, ref);
        break;
      case 'dnssec':
        f.props.dnssec ??= v;
        break;
      case 'script':
        f.props.script ??= v;
        break;
      case 'status':
        addStatus(f, v);
        break;
      case 'created':
        date('createdAt', v, ref, label);
        break;
      case 'updated':
        date('updatedAt', v, ref, label);
        break;
      case 'expires':
        date('expiresAt', v, ref, label);
        break;
      case 'registrant-ref':
      case 'admin-ref':
      case 'tech-ref': {
        const role = target.slice(0, -4) as ContactRole;
        if (!refs.has(role)) refs.set(role, v.trim().toUpperCase());
        break;
      }
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const ref = i + 1;
    let raw = lines[i];
    if (raw.startsWith('** ')) raw = raw.slice(3);
    const t = raw.trim();
    const indent = indentOf(raw);
    if (t === '') {
      skip = false;
      handleObject = null;
      // A nested block ends at a blank line once it has content.
      if (section?.nested && section.free.length) closeSection();
      continue;
    }
    if (t[0] === '%' || t[0] === '#' || t.startsWith('>>>') || /^[-*=]{2,}/.test(t) || (t[0] === '[' && t.endsWith(']'))) continue;
    if (section?.nested && indent <= section.indent) closeSection();

    const m = KV.exec(t);
    const label = m ? normLabel(m[1]) : normLabel(t);
    const v = m ? (m[2] ?? '').trim() : '';

    // Inside an RPSL contact object every field is the contact's.
    if (handleObject) {
      const pf = m ? lookup(PARTY_LABELS, label) : undefined;
      if (pf && v) setPartyField(handleObject.party, pf, v);
      // AFNIC says what the object is: `type: ORGANIZATION` / `PERSON`.
      else if (label === 'type' && /^organi[sz]ation$/i.test(v)) handleObject.party.kind = 'org';
      else if (label === 'type' && /^person$/i.test(v)) handleObject.party.kind = 'person';
      continue;
    }
    if (m && v === '' || !m) {
      // `Technical Contact, Zone Contact:` is a technical-contact block.
      const sec = lookup(SECTIONS, label) ?? lookup(SECTIONS, label.split(',')[0]);
      if (sec && (!m || v === '') && !(m === null && t.includes(' ') && t.length > 60)) {
        closeSection();
        const next = lines.slice(i + 1).find((l) => l.trim() !== '');
        const nested = next !== undefined && indentOf(next) > indent;
        section = { sec, indent, ref, free: [], nested };
        last = null;
        continue;
      }
    }
    if (skip) continue;
    if (!m) {
      // A deeper line under a field continues it (NIC.it addresses, KazNIC statuses).
      if (last && indent > last.indent + 1 && !section?.free.length) {
        if (last.target === 'address' && last.party) {
          setPartyField(last.party, 'address', t);
          continue;
        }
        if (last.target === 'status') {
          addStatus(f, t);
          continue;
        }
      }
      if (!section) continue;
      const sec = section.sec;
      if (sec.kind === 'ns') {
        if (NS_LINE.test(t) && addNameServer(f, t, ref)) continue;
        closeSection();
      } else if (sec.kind === 'status') addStatus(f, t);
      else if (sec.kind === 'keys') {
        // EURid `flags:KSK protocol:3 algorithm:RSA_SHA256 pubKey:…`: the first key's parts.
        for (const [, k, val] of t.matchAll(/(\w+):(\S+)/g)) {
          const prop = `dnssec${k[0].toUpperCase()}${k.slice(1)}`;
          f.props[prop] ??= val;
        }
      }
      else if (sec.kind === 'domain') domainField('domain', t, ref, 'Domain name');
      else if (sec.kind === 'registrar' && section.free.length === 0 && !f.registrar) {
        // Nominet/SIDN: the registrar's name is the first line under `Registrar:`.
        if (!isRedacted(t)) f.registrar = { name: t, ref };
        section.free.push(t);
      } else if (sec.kind === 'party' || sec.kind === 'registrar' || sec.kind === 'reseller' || sec.kind === 'abuse') section.free.push(t);
      continue;
    }
    if (v === '') continue;

    const sec = section?.sec;
    if (sec?.kind === 'party') {
      const pf = lookup(PARTY_LABELS, label);
      if (pf) {
        const c = contact(f, sec.role, ref);
        setPartyField(c, pf, v);
        last = { target: pf, indent, party: c };
        continue;
      }
      // `dns-admin@google.com +1.650… Fax: +1.650…` inside a free block is a line of the block.
      if (section!.nested && !lookup(LABELS, label) && !roleField(label)) {
        section!.free.push(t);
        continue;
      }
    } else if (sec?.kind === 'registrar') {
      const rf = lookup(REGISTRAR_LABELS, label);
      if (rf) {
        last = null;
        if (rf === 'name' || rf === 'org') {
          // NIC.it names the registrar's organization and its handle (`Name: MARKMONITOR-REG`): the organization wins.
          if (!f.registrar || (rf === 'org' && f.registrar.ref === section!.ref)) {
            if (!isRedacted(v)) f.registrar = { ...f.registrar, name: v, ref: section!.ref };
          }
          if (rf === 'org' && f.registrar) f.registrar.ref = section!.ref;
        } else reg[rf] ??= v;
        continue;
      }
    }
    const target = lookup(LABELS, label) ?? roleField(label);
    if (target === 'handleObject') {
      const party: Party = { handle: v.trim() };
      handles.set(v.trim().toUpperCase(), party);
      handleObject = { handle: v, party };
      continue;
    }
    if (target) {
      domainField(target, v, ref, m[1].trim());
      if (last) last.indent = indent;
    }
  }
  closeSection();
  if (f.registrar) for (const [k, val] of Object.entries(reg)) f.registrar[k as keyof typeof reg] ??= val;
  for (const [role, h] of refs) {
    const p = handles.get(h);
    if (!p || f.contacts.get(role)?.name || f.contacts.get(role)?.org) continue;
    Object.assign(contact(f, role, f.domainRef), { ...p, handle: p.handle });
  }
}

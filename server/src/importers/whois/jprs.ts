// JPRS (.jp) layout: `a. [Domain Name]   YAHOO.CO.JP`, Japanese labels unless queried with /e,
// `YYYY/MM/DD` dates, all times in JST. A date without a time is taken as JST midnight.
import { nameKey, registeredDomain } from '../normalize/names.ts';
import { readRegistryDate } from '../normalize/registry-dates.ts';
import { addNameServer, addStatus, contact, setDate, type DomainFacts } from './domain-facts.ts';

function jst(f: DomainFacts, field: 'createdAt' | 'updatedAt' | 'expiresAt', v: string): void {
  const d = readRegistryDate(v, JST);
  if (d && 'iso' in d) setDate(f, field, d);
}

const JST = 540;
const LINE = /^\s*(?:[a-z]\.\s*)?\[([^\]]+)\]\s*(.*)$/;

type Field = 'domain' | 'org' | 'registrant' | 'ns' | 'created' | 'expires' | 'updated' | 'state' | 'lock' | 'orgType';

const LABELS: Record<string, Field> = {
  'domain name': 'domain', 'ドメイン名': 'domain',
  organization: 'org', '組織名': 'org',
  registrant: 'registrant', '登録者名': 'registrant',
  'name server': 'ns', 'ネームサーバ': 'ns',
  'registered date': 'created', 'created on': 'created', '登録年月日': 'created',
  'expires on': 'expires', '有効期限': 'expires',
  'last update': 'updated', 'last updated': 'updated', '最終更新': 'updated',
  state: 'state', status: 'state', '状態': 'state',
  'lock status': 'lock', 'ロック状態': 'lock',
  'organization type': 'orgType', '組織種別': 'orgType',
};

export function isJprs(lines: string[]): boolean {
  for (const l of lines) {
    const m = LINE.exec(l);
    if (m && LABELS[m[1].trim().toLowerCase()] === 'domain') return true;
  }
  return false;
}

export function readJprs(lines: string[], f: DomainFacts): void {
  for (let i = 0; i < lines.length; i++) {
    const m = LINE.exec(lines[i]);
    if (!m) continue;
    const field = LABELS[m[1].trim().toLowerCase()];
    const v = m[2].trim();
    if (!field || v === '') continue;
    const ref = i + 1;
    switch (field) {
      case 'domain': {
        const k = nameKey(v);
        if (k && !f.domain) {
          f.domain = registeredDomain(k) ?? k;
          f.domainRef = ref;
        }
        break;
      }
      case 'org':
        contact(f, 'registrant', ref).org = v;
        break;
      case 'registrant':
        contact(f, 'registrant', ref).name = v;
        break;
      case 'orgType': {
        const c = contact(f, 'registrant', ref);
        c.orgProps = { ...c.orgProps, orgType: v };
        break;
      }
      case 'ns':
        addNameServer(f, v, ref);
        break;
      case 'created':
        jst(f, 'createdAt', v);
        break;
      case 'expires':
        jst(f, 'expiresAt', v);
        break;
      case 'updated':
        jst(f, 'updatedAt', v);
        break;
      case 'state': {
        // `Connected (2025/09/30)`: for co.jp-style domains the date is the end of the term.
        const p = /^(.*?)\s*\((\d{4}\/\d{2}\/\d{2})\)$/.exec(v);
        addStatus(f, p ? p[1] : v);
        if (p) jst(f, 'expiresAt', p[2]);
        break;
      }
      case 'lock':
        addStatus(f, v);
        break;
    }
  }
}

// jCard (RFC 7095) as used in RDAP entities: `["vcard", [[name, params, type, value], ...]]`.
import type { Party } from '../normalize/registry-party.ts';

type Prop = [string, Record<string, unknown>, string, unknown];

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v)) {
    const parts = v.flat().filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    return parts.length ? parts.join(', ') : undefined;
  }
  return undefined;
}

/** The parts of a vCard the graph uses; null when the value is not a jCard. */
export function readJcard(vcardArray: unknown, handle?: string): Party | null {
  if (!Array.isArray(vcardArray) || vcardArray[0] !== 'vcard' || !Array.isArray(vcardArray[1])) return null;
  const p: Party = {};
  if (handle) p.handle = handle;
  for (const raw of vcardArray[1] as unknown[]) {
    if (!Array.isArray(raw) || raw.length < 4 || typeof raw[0] !== 'string') continue;
    const [name, params, , value] = raw as Prop;
    switch (name.toLowerCase()) {
      case 'fn':
        p.name ??= text(value);
        break;
      case 'org':
        p.org ??= text(value);
        break;
      case 'kind': {
        const k = text(value)?.toLowerCase();
        // A "group" is a role account or team named after its organization: an Organization node.
        if (k === 'individual') p.kind = 'person';
        else if (k === 'org' || k === 'group') p.kind = 'org';
        break;
      }
      case 'email':
        p.email ??= text(value);
        break;
      case 'tel':
        p.phone ??= text(value)?.replace(/^tel:/, '');
        break;
      case 'adr': {
        const label = params && typeof params.label === 'string' ? params.label : undefined;
        if (label) p.address ??= label.split(/\r?\n/).map((s) => s.trim()).filter(Boolean).join(', ');
        if (Array.isArray(value)) {
          // Structured: [pobox, ext, street, locality, region, code, country-name]. Without a street
          // (ICANN's redacted answer keeps only the region) there is no address to speak of.
          if (text(value.slice(0, 3))) p.address ??= text(value.slice(0, 6));
          const region = text(value[4]);
          if (region) p.state ??= region;
          const code = text(value[5]);
          if (code) p.postalCode ??= code;
          const country = text(value[6]);
          if (country) p.country ??= country;
          const locality = text(value[3]);
          if (locality) p.city ??= locality;
        }
        if (params && typeof params.cc === 'string') p.country = params.cc;
        break;
      }
    }
  }
  return p;
}

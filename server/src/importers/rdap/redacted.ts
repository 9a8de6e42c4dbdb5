// RFC 9537 `redacted` members: which fields the registry withheld on purpose. A withheld field is
// a fact of its own ("the registry redacted the registrant's e-mail"), not a gap, so it is kept:
// on the party as `redactedFields` (name, email, …) when the party is in the response, and on the
// resource as `redactedFields` (the registry's own field names) in every case.
//
// The member's JSONPath is not evaluated: the ICANN response profile names every field
// (`Registrant Email`, `Tech Phone`, `Registry Domain ID`), and the name, not the path, says whose
// field it is. A member with only a description (`Administrative Contact`) withholds a whole contact.
type Json = Record<string, unknown>;

export interface Redactions {
  /** The registry's names of the withheld fields, in document order. */
  names: string[];
  /** role → party fields withheld (`registrant` → [`email`, `name`]). */
  byRole: Map<string, string[]>;
  /** roles whose whole contact was removed. */
  removedRoles: string[];
}

const ROLE: Record<string, string> = { registrant: 'registrant', tech: 'technical', technical: 'technical', admin: 'administrative', administrative: 'administrative', billing: 'billing' };
const FIELD: Record<string, string> = {
  id: 'handle', name: 'name', organization: 'org', street: 'address', city: 'city', 'state/province': 'state', province: 'state',
  'postal code': 'postalCode', country: 'country', phone: 'phone', 'phone ext': 'phone', fax: 'fax', 'fax ext': 'fax', email: 'email',
};

export function readRedactions(doc: Json): Redactions {
  const out: Redactions = { names: [], byRole: new Map(), removedRoles: [] };
  if (!Array.isArray(doc.redacted)) return out;
  for (const r of doc.redacted) {
    if (typeof r !== 'object' || r === null) continue;
    const n = (r as Json).name as Json | undefined;
    const label = typeof n?.type === 'string' ? n.type : typeof n?.description === 'string' ? n.description : undefined;
    if (!label || !label.trim()) continue;
    out.names.push(label.trim());
    const l = label.trim().toLowerCase();
    const whole = /^(administrative|admin|technical|tech|billing|registrant) contact$/.exec(l);
    if (whole) {
      out.removedRoles.push(ROLE[whole[1]]);
      continue;
    }
    const m = /^(?:registry )?(registrant|tech|technical|admin|administrative|billing) (.+)$/.exec(l);
    if (!m) continue;
    const field = FIELD[m[2]];
    if (!field) continue;
    const role = ROLE[m[1]];
    const list = out.byRole.get(role) ?? [];
    if (!list.includes(field)) list.push(field);
    out.byRole.set(role, list);
  }
  return out;
}

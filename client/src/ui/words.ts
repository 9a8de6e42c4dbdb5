// Plain words for the API's codes: control roles and relationship types as an investigator says them.

const ROLE: Record<string, [string, string]> = {
  REGISTRANT: ['Registrant', 'named as the domain’s registrant (its owner of record)'],
  ADMINISTRATOR: ['Administrator', 'administers the domain'],
  HOSTING_OPERATOR: ['Runs the server', 'operates the machine the name points to'],
  CONTRACTED_OPERATOR: ['Operator by contract', 'runs it on behalf of another party under a contract'],
  DNS_OPERATOR: ['Runs the name servers', 'operates the DNS servers that answer for the name'],
  OWNER: ['Owner', 'owns it'],
  CONTROLLER: ['Controller', 'controls it'],
  REGISTRAR: ['Registrar', 'registered the domain for its registrant'],
  NETWORK_HOLDER: ['Holds the network', 'holds the address block'],
  ANNOUNCER: ['Announces the route', 'announces the prefix on the Internet'],
};

/** "HOSTING_OPERATOR" → "Runs the server". */
export function roleLabel(code: string): string {
  return ROLE[code]?.[0] ?? code.toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export function roleExplain(code: string): string {
  return ROLE[code]?.[1] ?? '';
}

const REL: Record<string, string> = {
  SUBDOMAIN_OF: 'is a name under', RESOLVES_TO: 'points to', ALIAS_OF: 'is an alias of', NAME_SERVER: 'is served by name server',
  MAIL_SERVER: 'takes mail at', PTR: 'has reverse name', QUERIED: 'looked up', REGISTERED_BY: 'is registered to',
  ADMINISTERED_BY: 'is administered by', TECH_CONTACT: 'has technical contact', REGISTRAR: 'was registered through',
  IN_PREFIX: 'is in', ANNOUNCED_BY: 'is announced by', ALLOCATED_TO: 'is allocated to', MEMBER_OF: 'is a member of',
  SUBPREFIX_OF: 'is part of', CLIENT_OF: 'is a client of', OPERATES: 'operates', OUTSOURCES_TO: 'outsources to', OWNS: 'owns',
  CONTROLS: 'controls', EMPLOYED_BY: 'is employed by', LOCATED_IN: 'is located in', CREATED: 'created', HOSTS: 'hosts',
  SUBSIDIARY_OF: 'is a subsidiary of', CONTRACTED_BY: 'is contracted by', AFFILIATED_WITH: 'is affiliated with',
  ABOUT: 'is about', CITES: 'cites', BEARS_ON: 'bears on', REFERS_TO: 'refers to', INVOLVES: 'involves', PROPOSED_BY: 'is proposed by',
};

/** "RESOLVES_TO" → "points to". */
export function relPhrase(type: string): string {
  return REL[type] ?? type.toLowerCase().replace(/_/g, ' ');
}

// Which entity kinds each relationship type may join in a case file (docs/case-file.md has the
// table). Direction is part of the rule: `Domain ADMINISTERED_BY Organization`, but
// `Organization CONTROLS Domain`. A case file that needs another pair should argue for it here.
import { ENDPOINT_REL_TYPES, type EntityKind, type RelType } from '../../model/index.ts';

type Pair = readonly [EntityKind, EntityKind];

const PARTIES: readonly EntityKind[] = ['Organization', 'Person'];
const NETWORK: readonly EntityKind[] = ['Domain', 'Host', 'IP', 'Prefix', 'ASN'];
const NAMES: readonly EntityKind[] = ['Domain', 'Host'];
const NUMBERED: readonly EntityKind[] = ['Domain', 'Prefix', 'ASN'];

function cross(from: readonly EntityKind[], to: readonly EntityKind[]): Pair[] {
  const out: Pair[] = [];
  for (const f of from) for (const t of to) out.push([f, t]);
  return out;
}

export const RELATIONSHIP_RULES: Readonly<Record<RelType, readonly Pair[]>> = {
  // DNS: names point at names and addresses.
  SUBDOMAIN_OF: cross(NAMES, NAMES),
  RESOLVES_TO: cross(NAMES, ['IP']),
  ALIAS_OF: cross(NAMES, NAMES),
  NAME_SERVER: cross(NAMES, ['Host']),
  MAIL_SERVER: cross(NAMES, ['Host']),
  PTR: [['IP', 'Host']],
  QUERIED: cross(['IP'], NAMES),
  UPDATED: cross(['IP'], NAMES),
  NOTIFIED: cross(['IP'], NAMES),
  ANNOUNCED: cross(['IP'], NAMES),
  // Registries: the registered object points at the party.
  REGISTERED_BY: cross(NUMBERED, PARTIES),
  ADMINISTERED_BY: cross(NUMBERED, PARTIES),
  TECH_CONTACT: cross(NUMBERED, PARTIES),
  REGISTRAR: [['Domain', 'Organization']],
  IN_PREFIX: [['IP', 'Prefix']],
  ANNOUNCED_BY: [['Prefix', 'ASN']],
  ALLOCATED_TO: cross(['Prefix', 'ASN', 'IP'], PARTIES),
  MEMBER_OF: cross(PARTIES, ['Organization']),
  SUBPREFIX_OF: [['Prefix', 'Prefix']],
  RESELLER: cross(['Domain'], PARTIES),
  // Parties act on things and on each other.
  CLIENT_OF: cross(PARTIES, ['Organization']),
  OPERATES: cross(PARTIES, NETWORK),
  OUTSOURCES_TO: [['Organization', 'Organization']],
  OWNS: cross(PARTIES, [...NETWORK, 'Organization']),
  CONTROLS: cross(PARTIES, [...NETWORK, 'Organization']),
  EMPLOYED_BY: [['Person', 'Organization']],
  // There is no Place kind: a street or city is a claim (`location`); LOCATED_IN says that a
  // machine or range sits on a party's premises (a data centre).
  LOCATED_IN: cross(['Host', 'IP', 'Prefix'], ['Organization']),
  CREATED: cross(PARTIES, [...NAMES, 'Organization']),
  HOSTS: [...cross(['Organization'], ['Domain', 'Host', 'IP']), ['IP', 'Host']],
  SUBSIDIARY_OF: [['Organization', 'Organization']],
  CONTRACTED_BY: cross(PARTIES, ['Organization']),
  AFFILIATED_WITH: cross(PARTIES, PARTIES),
  // Endpoint facts are observed by log importers (Sysmon, Route 53), never stated in a case file
  // (LOG_ONLY_RELS): a case file naming one is told no pair is allowed.
  RUNS_ON: [],
  LOOKED_UP: [],
  IN_VPC: [],
  ASSIGNED_TO: [],
  FIREWALL_MATCHED: [],
};

/** Relationship types only log importers write (their endpoints are not case-file kinds). */
export const LOG_ONLY_RELS: readonly RelType[] = ENDPOINT_REL_TYPES;

export function isAllowed(type: RelType, from: EntityKind, to: EntityKind): boolean {
  return RELATIONSHIP_RULES[type].some(([f, t]) => f === from && t === to);
}

/** "Domain→Organization, Domain→Person" for error messages and the docs table. */
export function describeRule(type: RelType): string {
  return RELATIONSHIP_RULES[type].map(([f, t]) => `${f}→${t}`).join(', ');
}

export { createPassiveDnsParser, type PassiveDnsParser, type PassiveDnsStats, MAX_DOCUMENT_BYTES } from './passive-dns-parser.ts';

export { createDnstapParser, type DnstapParser, type DnstapStats, DNSTAP_CONTENT_TYPE } from './dnstap-parser.ts';

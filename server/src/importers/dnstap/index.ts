export { createDnstapParser, decodeDnstapFrame, type DnstapParser, type DnstapRecord, type DnstapStats, DNSTAP_CONTENT_TYPE } from './dnstap-parser.ts';
export { createFrameReader } from './frame-streams.ts';

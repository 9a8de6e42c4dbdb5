export { createPcapParser, type PcapParser, type PcapStats, DNS_UDP_PORTS } from './pcap-parser.ts';

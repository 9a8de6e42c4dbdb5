// The `infragraph` command. Each subcommand lives in cli/; this file only dispatches and turns
// errors into one sentence and an exit code (stack traces only with LOG_LEVEL=debug).
import { toAppError } from './errors.ts';
import { config } from './config.ts';
import { dbCommand } from './cli/db-command.ts';
import { importCommand } from './cli/import-command.ts';
import { serveCommand } from './cli/serve-command.ts';
import { queryCommand, investigationsCommand } from './cli/query-command.ts';
import { demoCommand } from './cli/demo-command.ts';
import { migrateCommand } from './cli/migrate-command.ts';
import { linkCommand } from './cli/link-command.ts';
import { sqlCommand } from './cli/sql-command.ts';
import { terminalText } from './cli/format-table.ts';

const HELP = `infragraph — DNS and infrastructure investigations on a Neo4j graph

Usage:
  infragraph serve                         start Neo4j (embedded unless NEO4J_URI is set), load the
                                           2016 case on an empty database, serve UI + GraphQL (npm start)
  infragraph db start|stop|status          manage the embedded Neo4j server
  infragraph import <files…> [options]     import DNS logs, passive DNS, pcap, dnstap, WHOIS, RDAP,
                                           IP-to-ASN tables and case files
      --format auto|${'zeek-tsv|zeek-json|bind|dnsmasq|unbound|csv|passive-dns|pcap|dnstap|whois|rdap|asn-table|ipwhois|case'}
      --source-name NAME   --strict   --year YYYY   --map ts=COL,qname=COL,client=COL
      --confidence 0-100   --synthetic   --title TEXT   --url URL
  infragraph demo [--reset]                load (or wipe and reload) the bundled 2016 case
  infragraph investigations                list the saved Cypher investigations
  infragraph query <name> [--param k=v]… [--format table|json|csv]
                                           run a saved investigation
  infragraph link-prefixes                 link every IP to its most specific imported prefix
  infragraph sql "<SELECT …>" [--param k=v]… [--format table|json|csv]
                                           read-only SQL over the event store (view \`events\`)
  infragraph migrate                       apply schema migrations
Configuration comes from environment variables: see README.md.`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'db': return await dbCommand(rest);
      case 'serve': case 'start': return await serveCommand(rest);
      case 'import': return await importCommand(rest);
      case 'demo': return await demoCommand(rest);
      case 'investigations': return await investigationsCommand(rest);
      case 'query': return await queryCommand(rest);
      case 'migrate': return await migrateCommand(rest);
      case 'link-prefixes': return await linkCommand(rest);
      case 'sql': return await sqlCommand(rest);
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(HELP + '\n');
        return cmd === undefined ? 2 : 0;
      default:
        process.stderr.write(`infragraph: unknown command "${cmd}"\n\n${HELP}\n`);
        return 2;
    }
  } catch (e) {
    const err = toAppError(e);
    process.stderr.write(`infragraph: ${terminalText(err.message)}\n`);
    let verbose = false;
    try { verbose = ['debug', 'trace'].includes(config().logLevel); } catch { /* the error may be the configuration itself */ }
    if (verbose) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return err.code === 'BAD_USER_INPUT' || err.code === 'CONFIG_INVALID' ? 2 : 1;
  }
}

// infragraph serve (npm start): Neo4j up, schema applied, the 2016 case loaded on an empty
// database, then the UI and GraphQL API served until Ctrl-C.
import { openApp } from '../app-context.ts';
import { createServer } from '../http/create-server.ts';
import { isDatabaseEmpty, loadDemoCase } from '../domain/demo/load-demo-case.ts';

export async function serveCommand(_args: string[]): Promise<number> {
  const app = await openApp('foreground');
  try {
    if (app.cfg.server.loadCaseOnEmpty && (await isDatabaseEmpty(app.db))) {
      app.log.info('empty database: loading the bundled 2016 mail1.trump-email.com case');
      const s = await loadDemoCase(app.db, app.cfg);
      app.log.info({ files: s.length, records: s.reduce((a, x) => a + x.records, 0) }, 'case loaded');
    }
    const server = await createServer(app.db, app.cfg, app.log);
    process.stderr.write(`\nInfragraph is running:\n  UI       ${server.url}/\n  GraphQL  ${server.url}/graphql\n  Neo4j    ${app.db.uri} (user neo4j)\nPress Ctrl-C to stop.\n\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stderr.write('Stopping…\n');
    await server.close();
    return 0;
  } finally {
    await app.close();
  }
}

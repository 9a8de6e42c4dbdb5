// The floors of server/src (docs/architecture.md): a file may import its own floor and the floors
// below it, never a floor above. Inside importers/, a format folder imports no other format
// folder. neo4j-driver is imported only under db/, process.env is read only in config.ts, and
// the model imports nothing (the client bundles it). Each failure prints `from → to`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_SRC, importGraph, nodeGlobals, processEnvReads, sourceFiles } from './import-graph.ts';

/** Lowest first; each floor lists the top-level entries of server/src on it. */
const FLOORS: readonly (readonly string[])[] = [
  ['model'],
  ['errors.ts', 'config.ts', 'logger.ts'],
  ['cypher'], // reads and checks .cypher files; db/ and domain/ load their statements through it
  ['db'],
  ['events'], // the DuckDB event store, a store beside db/: the import pipeline writes to both
  ['importers'],
  ['domain'],
  ['graphql'],
  ['http'],
  ['cli', 'cli.ts', 'app-context.ts'],
];

// Arrows that break a rule today, each with the reason it is still here. The test also fails
// when one of them is gone, so this list only shrinks (delete the entry).
const KNOWN = new Map<string, string>([
  // Floors (file → file).
  ['events/event-writer.ts → importers/types.ts', 'the store writes the parsers\' DnsQueryEvent rows (type only); the row types belong below both'],
  ['events/import-events.ts → importers/types.ts', 'the event tee is a parser Sink (type only); same fix'],
  // process.env outside config.ts (file): the environment handed on to a child process, and PATH.
  ['db/embedded/build.ts → process.env', 'passes the environment on to Maven (child process)'],
  ['db/embedded/start.ts → process.env', 'passes the environment on to Neo4j (child process)'],
  ['db/embedded/offline-import.ts → process.env', 'passes the environment on to neo4j-admin (child process)'],
  ['db/embedded/class-archive.ts → process.env', 'passes the environment on to the training start of Neo4j (child process)'],
  ['db/embedded/which.ts → process.env', 'searches PATH for an executable, as a shell would'],
]);

const edges = importGraph();
const local = edges.filter((e) => e.local);
const top = (p: string) => p.split('/')[0];
const floorOf = (p: string) => FLOORS.findIndex((f) => f.includes(top(p)));
/** `importers/<folder>` for a file in an importers sub-folder, else null (importers/types.ts, formats.ts…). */
const importerFolder = (p: string) => { const s = p.split('/'); return s[0] === 'importers' && s.length > 2 ? `importers/${s[1]}` : null; };

// Format folders are the ones formats.ts registers a parser from, and case/ (its importer is
// called by domain/, not through FORMATS). Any other sub-folder (normalize/, pipeline/…) is shared.
const FORMAT_FOLDERS = new Set([
  ...local.filter((e) => e.from === 'importers/formats.ts').map((e) => importerFolder(e.to)).filter((f) => f !== null),
  'importers/case',
]);

/** Every broken rule as `key` (what KNOWN lists) and `line` (what is printed). */
function violations(): { key: string; line: string }[] {
  const out: { key: string; line: string }[] = [];
  for (const e of local) {
    if (floorOf(e.from) >= 0 && floorOf(e.to) > floorOf(e.from)) {
      out.push({ key: `${e.from} → ${e.to}`, line: `${e.from} → ${e.to}  (floor ${FLOORS[floorOf(e.from)].join('/')} imports floor ${FLOORS[floorOf(e.to)].join('/')})` });
    }
    const [ff, tf] = [importerFolder(e.from), importerFolder(e.to)];
    if (ff && tf && ff !== tf && FORMAT_FOLDERS.has(tf)) {
      out.push({ key: `${ff} → ${tf}`, line: `${e.from} → ${e.to}  (${FORMAT_FOLDERS.has(ff) ? 'a format folder' : 'a shared folder'} imports the format folder ${tf})` });
    }
  }
  for (const e of edges.filter((x) => !x.local && (x.to === 'neo4j-driver' || x.to.startsWith('neo4j-driver/')))) {
    if (top(e.from) !== 'db') out.push({ key: `${e.from} → ${e.to}`, line: `${e.from} → ${e.to}  (only db/ imports the driver)` });
  }
  for (const file of sourceFiles()) {
    const p = path.relative(SERVER_SRC, file).split(path.sep).join('/');
    if (p === 'config.ts') continue;
    const lines = processEnvReads(readFileSync(file, 'utf8'));
    if (lines.length) out.push({ key: `${p} → process.env`, line: `${p}:${lines.join(',')} → process.env  (only config.ts reads the environment)` });
  }
  return out;
}

describe('import direction (docs/architecture.md)', () => {
  const found = violations();

  it('finds the import graph (the reader works)', () => {
    expect(local.length).toBeGreaterThan(300);
    expect(local).toContainEqual({ from: 'db/migrations.ts', to: 'cypher/cypher-file.ts', local: true });
    expect(FORMAT_FOLDERS).toContain('importers/zeek');
    expect(FORMAT_FOLDERS).not.toContain('importers/normalize');
  });

  it('puts every top-level entry of server/src on a floor', () => {
    const entries = readdirSync(SERVER_SRC).filter((n) => !n.startsWith('.'));
    expect(entries.filter((n) => !FLOORS.some((f) => f.includes(n)))).toEqual([]);
  });

  it('has no arrow against the floors, between format folders, to neo4j-driver outside db/ or to process.env outside config.ts', () => {
    const unexpected = found.filter((v) => !KNOWN.has(v.key)).map((v) => v.line);
    expect(unexpected, `imports against the rules (from → to):\n${unexpected.join('\n')}`).toEqual([]);
  });

  it('lists no known exception that no longer happens', () => {
    const keys = new Set(found.map((v) => v.key));
    const stale = [...KNOWN.keys()].filter((k) => !keys.has(k));
    expect(stale, `fixed: delete these from KNOWN in ${path.basename(import.meta.filename)}`).toEqual([]);
  });

  it('keeps the model free of imports and of Node (the client bundles it)', () => {
    const model = sourceFiles(path.join(SERVER_SRC, 'model'));
    expect(model.length).toBeGreaterThan(0);
    const out = edges.filter((e) => top(e.from) === 'model' && (!e.local || top(e.to) !== 'model')).map((e) => `${e.from} → ${e.to}`);
    for (const f of model) {
      for (const g of nodeGlobals(readFileSync(f, 'utf8'))) out.push(`${path.relative(SERVER_SRC, f)} → ${g}`);
    }
    expect(out).toEqual([]);
  });
});

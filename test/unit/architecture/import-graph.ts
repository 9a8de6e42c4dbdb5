// The import graph of server/src, read with the TypeScript compiler's own scanner
// (ts.preProcessFile: static, type-only, re-export and dynamic imports), and the places a file
// reads process.env. Paths are relative to server/src, with forward slashes.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const SERVER_SRC = path.resolve(import.meta.dirname, '../../../server/src');

export interface ImportEdge {
  /** Importing file, e.g. `importers/bind/bind-querylog.ts`. */
  from: string;
  /** Imported file for a relative import (`importers/zeek/name-cache.ts`), else the package specifier (`neo4j-driver`). */
  to: string;
  /** False for a package (or `node:`) import. */
  local: boolean;
}

export function sourceFiles(dir = SERVER_SRC): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const rel = (abs: string) => path.relative(SERVER_SRC, abs).split(path.sep).join('/');

export function importGraph(files = sourceFiles()): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: spec } of importedFiles) {
      const local = spec.startsWith('.');
      edges.push({ from: rel(file), to: local ? rel(path.resolve(path.dirname(file), spec)) : spec, local });
    }
  }
  return edges;
}

/** 1-based lines where the file reads `process.env` (property or element access; comments and strings do not count). */
export function processEnvReads(text: string): number[] {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
  const lines: number[] = [];
  const visit = (n: ts.Node): void => {
    const isEnv = (ts.isPropertyAccessExpression(n) && n.name.text === 'env')
      || (ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression) && n.argumentExpression.text === 'env');
    if (isEnv && ts.isIdentifier(n.expression) && n.expression.text === 'process') {
      lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return lines;
}

/** Identifiers that only exist in Node (the client bundles the model, so it must use none of them). */
export function nodeGlobals(text: string): string[] {
  const NODE_ONLY = new Set(['process', 'Buffer', 'require', '__dirname', '__filename', 'global']);
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
  const found = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && NODE_ONLY.has(n.text)) found.add(n.text);
    if (ts.isMetaProperty(n)) found.add('import.meta');
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return [...found];
}

// Case file (YAML) → validated, normalized CaseFile, or every error found, each with file, line,
// column and the field's path. Three passes: YAML syntax, the published JSON Schema, semantics.
import { LineCounter, parseDocument } from 'yaml';
import { buildCase } from './case-build.ts';
import type { CaseFileError, ParseCaseResult } from './case-model.ts';
import { schemaProblems } from './schema-check.ts';
import { formatPath, locate, type PathSeg } from './yaml-locate.ts';

export type { CaseFileError } from './case-model.ts';

export function parseCaseFile(text: string, fileName: string): ParseCaseResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lc.linePos(e.pos[0]);
        return { file: fileName, line, column: col, path: '', message: `YAML syntax: ${e.message}` };
      }),
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  const errors: CaseFileError[] = [];
  const report = (path: PathSeg[], message: string, atKey = false) => {
    const { line, column } = locate(doc, lc, path, atKey);
    errors.push({ file: fileName, line, column, path: formatPath(path), message });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report([], 'a case file is a mapping with `case:` and `sources:` at the top');
    return { ok: false, errors };
  }
  for (const p of schemaProblems(data)) report(p.path, p.message, p.atKey);
  const caseFile = buildCase(data, fileName, {
    report,
    lineOf: (path) => locate(doc, lc, path).line,
  });
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return { ok: true, caseFile };
}

/** `case.yaml:12:7 relationships[3].type: unknown relationship type "FOO"` */
export function formatCaseFileError(e: CaseFileError): string {
  return `${e.file}:${e.line}:${e.column}${e.path ? ` ${e.path}` : ''}: ${e.message}`;
}

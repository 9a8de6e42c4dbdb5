// Structural validation against the published JSON Schema (docs/case-file.schema.json), so that
// the file users point their editors at and the file the importer enforces are the same file.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { pointerToPath, type PathSeg } from './yaml-locate.ts';

export const CASE_SCHEMA_URL = new URL('../../../../docs/case-file.schema.json', import.meta.url);

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
  formats: string[],
) => Ajv2020;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(CASE_SCHEMA_URL, 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false });
    addFormats(ajv, ['uri']);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export interface SchemaProblem {
  path: PathSeg[];
  /** Point at the key rather than the value (unknown fields). */
  atKey: boolean;
  message: string;
}

function describe(e: ErrorObject, path: PathSeg[]): SchemaProblem {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(p.additionalProperty)], atKey: true, message: `unknown field "${String(p.additionalProperty)}"` };
    case 'required':
      return { path: [...path, String(p.missingProperty)], atKey: false, message: `missing required field "${String(p.missingProperty)}"` };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const what = path[path.length - 1] === 'type' && path[0] === 'relationships' ? 'unknown relationship type' : 'not allowed:';
      return { path, atKey: false, message: `${what} ${JSON.stringify(e.data)}; expected one of ${allowed.join(', ')}` };
    }
    case 'pattern':
      return { path, atKey: false, message: `${JSON.stringify(e.data)} does not match the expected form ${String(p.pattern)}` };
    case 'propertyNames':
      return { path, atKey: false, message: `invalid property name (camelCase expected)` };
    default:
      return { path, atKey: false, message: `${e.message ?? 'invalid'}${e.data !== undefined && typeof e.data !== 'object' ? ` (got ${JSON.stringify(e.data)})` : ''}` };
  }
}

export function schemaProblems(data: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(data)) return [];
  const out: SchemaProblem[] = [];
  for (const e of validate.errors ?? []) {
    // propertyNames reports the bad name in a second, less useful error; keep the first.
    if (e.keyword === 'pattern' && e.propertyName !== undefined) {
      out.push({ path: [...pointerToPath(e.instancePath), e.propertyName], atKey: true, message: `invalid property name "${e.propertyName}" (camelCase expected)` });
      continue;
    }
    if (e.keyword === 'propertyNames') continue;
    out.push(describe(e, pointerToPath(e.instancePath)));
  }
  return out;
}

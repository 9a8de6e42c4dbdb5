// The third-party conformance corpus lives beside the repository (../shared/conformance) and is
// never copied in. Tests that read it skip, with a message saying why, where it is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFORMANCE_DIR = process.env.INFRAGRAPH_CONFORMANCE_DIR ?? path.resolve(REPO_ROOT, '../shared/conformance');
export const hasConformance = existsSync(CONFORMANCE_DIR);

if (!hasConformance) {
  // Printed once per worker so a skipped conformance suite is never silent.
  console.warn(`conformance corpus not found at ${CONFORMANCE_DIR}: conformance tests are skipped`);
}

export function conformanceFile(rel: string): string {
  return path.join(CONFORMANCE_DIR, rel);
}

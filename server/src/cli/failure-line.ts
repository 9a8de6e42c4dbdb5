// How `infragraph import` names a file that failed. The importer's messages name the file by its
// base name (as provenance does: "dns.log: …"); the terminal names it by the path it was given.
import path from 'node:path';

/** `<file>: <message>`, the file named once, by the path the user typed. */
export function failureLine(file: string, message: string): string {
  if (message.startsWith(file)) return message;
  const base = `${path.basename(file)}: `;
  return `${file}: ${message.startsWith(base) ? message.slice(base.length) : message}`;
}

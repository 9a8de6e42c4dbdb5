// Rejected records of one import: the first few kept for the terminal, all of them appended to
// a TSV report file (record, reason) written in pieces so a file of millions of rejects stays cheap.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RejectInfo } from './aggregate.ts';

const FIRST_REJECTS = 20;

export class RejectReport {
  readonly first: RejectInfo[] = [];
  readonly file: string;
  private started = false;
  private buf = '';

  constructor(private readonly reportDir: string, private readonly refName: string, sha: string) {
    this.file = path.join(reportDir, `${refName}.${sha.slice(0, 12)}.rejects.tsv`);
  }

  add(r: RejectInfo): void {
    if (this.first.length < FIRST_REJECTS) this.first.push(r);
    this.buf += `${this.refName}:${r.ref}\t${r.reason.replace(/[\t\n]/g, ' ')}\n`;
  }

  get pendingBytes(): number { return this.buf.length; }

  async flush(): Promise<void> {
    if (!this.buf) return;
    if (!this.started) {
      await mkdir(this.reportDir, { recursive: true });
      await writeFile(this.file, 'record\treason\n');
      this.started = true;
    }
    await appendFile(this.file, this.buf);
    this.buf = '';
  }

  /** The report's path once something was written to it. */
  get written(): string | undefined { return this.started ? this.file : undefined; }
}

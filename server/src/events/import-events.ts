// The event store's side of one file import (the "tee" of today's pipeline): every DnsQueryEvent
// the parser emits also goes to an EventWriter; the file's parts are committed when its graph
// writes have finished, and thrown away if the import fails. Nothing here knows about the graph.
import path from 'node:path';
import type { Sink } from '../importers/types.ts';
import { fileKeyOf } from './event-layout.ts';
import { EventWriter } from './event-writer.ts';
import type { DuckSettings } from './event-duckdb.ts';

export interface ImportEventsOptions {
  /** Events root; default `<data dir>/events`, the data dir being the reports' parent. */
  eventsDir?: string;
  eventsSettings?: DuckSettings;
  reportDir: string;
}

const DEFAULT_SETTINGS: DuckSettings = { threads: 2, memoryMb: 1024 };

export class ImportEvents {
  private done = false;
  private constructor(private readonly w: EventWriter) {}

  /**
   * Open the writer for one segment of a file: `fromByte` > 0 for an appended or resumed part,
   * whose parts then carry the offset in their names.
   */
  static async open(o: ImportEventsOptions, sourceKey: string, sha256: string, fromByte: number, file: string): Promise<ImportEvents> {
    const root = o.eventsDir ?? path.join(path.dirname(o.reportDir), 'events');
    return new ImportEvents(await EventWriter.open({ root, sourceKey, fileKey: fileKeyOf(sha256, fromByte), file, settings: o.eventsSettings ?? DEFAULT_SETTINGS }));
  }

  /** `sink` with every query event copied to the event store first. */
  tee(sink: Sink): Sink {
    const w = this.w;
    return {
      query(e) { w.add(e); sink.query(e); },
      passive: (r) => sink.passive(r),
      entity: (e) => sink.entity(e),
      edge: (e) => sink.edge(e),
      reject: (ref, reason) => sink.reject(ref, reason),
      note: (m) => sink.note(m),
      get sharesAnswers() { return sink.sharesAnswers; },
    };
  }

  /** Where this file's parts go, and a way to hand over `.tmp` parts written from the import engine. */
  get target(): { root: string; sourceKey: string; fileKey: string; file: string } {
    return this.w.target;
  }

  adopt(tmpParts: string[]): void {
    this.w.adopt(tmpParts);
  }

  /** Between input chunks: write staged rows out once there are enough (bounded memory). */
  between(): Promise<void> {
    return this.w.maybeSpill();
  }

  async commit(): Promise<void> {
    this.done = true;
    await this.w.commit();
  }

  /** On any way out: if the import did not commit, drop its staged rows and `.tmp` parts. */
  async abortUnlessCommitted(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.w.abort();
  }
}

// What every UI module shares: the canvas, the view state mirrored in the URL, and a status line.
import type { Canvas } from './graph/canvas.ts';
import type { GNode, GEdge } from './api/model.ts';

export interface ExpandFilters {
  kinds: string[];
  types: string[];
  minConfidence: number;
  minDegree: number;
}

export interface App {
  canvas: Canvas;
  filters: ExpandFilters;
  status(msg: string, kind?: 'info' | 'error'): void;
  /** Shows a node or an edge in the side panel. */
  showDetails(id: string | null): void;
  /** Selects these elements; keepTab leaves the side panel on the tab that asked. */
  select(ids: string[], opts?: { keepTab?: boolean }): void;
  openEntity(node: GNode): Promise<void>;
  expand(ids: string[]): Promise<void>;
  switchTab(tab: string): void;
  saveUrl(): void;
  /** Notified after the canvas' elements change (timeline, URL). */
  onGraphChange(): void;
  edgeById(id: string): GEdge | undefined;
}

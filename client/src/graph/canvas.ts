// The canvas: one Cytoscape instance, batched adds, hide/collapse with undo, layouts, time window.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type EdgeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { bigStylesheet, familyLook, kindLook, stylesheet, UNCERTAIN_BELOW } from './style.ts';
import { relFamily, type GEdge, type GNode, type Subgraph } from '../api/model.ts';
import { countLabel, lookupWidth, windowCount, type TimeWindow } from './time-window.ts';
import { bigGraphLayout } from './big-graph-layout.ts';

cytoscape.use(fcose);
// The hierarchy layout is loaded on first use: it is not needed for the first graph.
let dagreReady: Promise<void> | null = null;
const loadDagre = () => (dagreReady ??= import('cytoscape-dagre').then((m) => { cytoscape.use(m.default); }));

type Action = { kind: 'add'; ids: string[] } | { kind: 'remove'; els: ElementDefinition[] };

/** Element count past which the canvas switches to its fast drawing style. */
const BIG = 3000;
/** Node count past which a first layout is Pivot MDS (big-graph-layout.ts) instead of fcose. */
const BIG_LAYOUT = 1500;

export type LayoutName = 'fcose' | 'dagre';

/** An edge whose validity period lies wholly outside the window. */
function outsideValidity(d: { validFrom?: string; validTo?: string }, w: TimeWindow): boolean {
  const vf = d.validFrom ? Date.parse(d.validFrom) : NaN;
  const vt = d.validTo ? Date.parse(d.validTo) : NaN;
  return (w.to !== null && vf > w.to) || (w.from !== null && vt < w.from);
}

export class Canvas {
  readonly cy: Core;
  private undoStack: Action[] = [];
  layoutName: LayoutName = 'fcose';
  window: TimeWindow = { from: null, to: null };
  /**
   * Counts lean lookup edges (no histogram) inside a window; set by the app to ask the API's event
   * store. Without it such edges keep their whole-edge count.
   */
  windowCounter: ((edgeIds: string[], w: TimeWindow) => Promise<Map<string, number>>) | null = null;
  /** Settles when the latest window's counts from the event store are drawn (tests wait on it). */
  windowSettled: Promise<void> = Promise.resolve();
  private big = false;

  constructor(container: HTMLElement, opts: { webgl?: boolean } = {}) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: true,
      // Cytoscape 3.31+ ships an experimental WebGL node/edge renderer; it pays off on big graphs.
      ...(opts.webgl ? { renderer: { name: 'canvas', webgl: true } as never } : {}),
      hideEdgesOnViewport: false,
      textureOnViewport: false,
    });
  }

  /** The elements with these ids, in one pass (unions in a loop are quadratic). */
  byIds(ids: string[]): cytoscape.CollectionReturnValue {
    const want = new Set(ids);
    return this.cy.elements().filter((e) => want.has(e.id()));
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /** Adds what is new, in one batch; returns the ids added. New nodes start next to `anchor`. */
  addSubgraph(sub: Subgraph, opts: { anchor?: string; record?: boolean; layout?: boolean } = {}): string[] {
    const cy = this.cy;
    const added: string[] = [];
    const anchorNode = opts.anchor ? cy.getElementById(opts.anchor) : undefined;
    const base = anchorNode?.nonempty() ? anchorNode.position() : { x: cy.width() / 2, y: cy.height() / 2 };
    const els: ElementDefinition[] = [];
    let i = 0;
    for (const n of sub.nodes) {
      if (cy.getElementById(n.id).nonempty()) continue;
      const a = (i++ * 2.4) % (2 * Math.PI);
      const r = 60 + 8 * i;
      els.push({ group: 'nodes', data: nodeData(n), position: { x: base.x + r * Math.cos(a), y: base.y + r * Math.sin(a) }, classes: nodeClasses(n) });
      added.push(n.id);
    }
    const have = new Set([...sub.nodes.map((n) => n.id)]);
    for (const e of sub.edges) {
      if (cy.getElementById(e.id).nonempty()) continue;
      if (!have.has(e.source) && cy.getElementById(e.source).empty()) continue;
      if (!have.has(e.target) && cy.getElementById(e.target).empty()) continue;
      els.push({ group: 'edges', data: edgeData(e), classes: edgeClasses(e) });
      added.push(e.id);
    }
    if (!els.length) return added;
    const big = cy.elements().length + els.length > BIG;
    // The big sheet goes on before the add, so the new elements are styled once, by it.
    if (big !== this.big) cy.style(big ? bigStylesheet() : stylesheet());
    this.big = big;
    cy.batch(() => {
      cy.add(els);
      // With no time window the new edges are drawn as edgeData made them: skip a pass that
      // would set the same counts again (a second style pass on every lookup edge).
      if (this.window.from !== null || this.window.to !== null) this.applyWindowTo(this.byIds(added).edges());
    });
    if (opts.record !== false) this.undoStack.push({ kind: 'add', ids: added });
    if (opts.layout !== false) this.runLayout({ incremental: cy.nodes().length > added.length });
    return added;
  }

  replace(sub: Subgraph): void {
    this.cy.elements().remove();
    this.undoStack = [];
    this.addSubgraph(sub, { record: false });
  }

  hide(ids: string[]): void {
    const col = this.byIds(ids);
    if (col.empty()) return;
    const all = col.union(col.connectedEdges());
    this.undoStack.push({ kind: 'remove', els: all.jsons() as unknown as ElementDefinition[] });
    all.remove();
  }

  /** Collapse: hide the neighbours of the selection that hang only on it (leaves). */
  collapse(ids: string[]): number {
    const sel = this.byIds(ids).nodes();
    const leaves = sel.neighborhood().nodes().filter((n) => n.degree(false) <= 1 || n.neighborhood().nodes().every((m) => sel.contains(m)));
    const drop = leaves.difference(sel);
    this.hide(drop.map((n) => n.id()));
    return drop.length;
  }

  undo(): boolean {
    const a = this.undoStack.pop();
    if (!a) return false;
    if (a.kind === 'add') this.byIds(a.ids).remove();
    else this.cy.batch(() => { this.cy.add(a.els.filter((e) => this.cy.getElementById(String(e.data?.id)).empty())); });
    return true;
  }

  runLayout(opts: { incremental?: boolean; name?: LayoutName } = {}): void {
    const cy = this.cy;
    if (cy.autolock()) return;
    const name = opts.name ?? this.layoutName;
    const n = cy.nodes().length;
    const visible = cy.elements().not('.out-of-window');
    if (name === 'dagre') {
      void loadDagre().then(() => visible.layout({ name: 'dagre', rankDir: 'LR', nodeSep: 25, rankSep: 90, animate: false, fit: true, padding: 30 } as never).run());
      return;
    }
    if (n > BIG_LAYOUT) {
      // New nodes of an expansion already sit around their anchor; a big graph keeps its layout.
      if (!opts.incremental) this.spectralLayout(visible);
      return;
    }
    // Measured: fcose "default" needs ~20 s for 1k nodes; "draft" ~1 s. Past a few hundred nodes
    // only draft keeps the page responsive.
    visible.layout({
      name: 'fcose',
      quality: n > 300 ? 'draft' : 'default',
      randomize: !opts.incremental,
      animate: false,
      fit: true,
      padding: 30,
      nodeRepulsion: 6000,
      idealEdgeLength: 80,
      numIter: 2500,
      // Packing components costs ~1 s on 5k nodes; only small graphs need it to look tidy.
      packComponents: n < 1000,
    } as never).run();
  }

  private spectralLayout(eles: cytoscape.CollectionReturnValue): void {
    const nodes = eles.nodes();
    const index = new Map<string, number>();
    nodes.forEach((node, i) => { index.set(node.id(), i); });
    const ends: number[] = [];
    eles.edges().forEach((e) => {
      const a = index.get(e.data('source')), b = index.get(e.data('target'));
      if (a !== undefined && b !== undefined) ends.push(a, b);
    });
    const { x, y } = bigGraphLayout({ n: nodes.length, edges: Int32Array.from(ends), edgeLength: 80 });
    // One call for all: per-node position() costs events and bounding-box work for each node.
    nodes.positions((_node, i) => ({ x: x[i], y: y[i] }));
    this.cy.fit(eles, 30);
  }

  setWindow(w: TimeWindow): void {
    this.window = w;
    this.cy.batch(() => this.applyWindowTo(this.cy.edges()));
  }

  private applyWindowTo(edges: cytoscape.EdgeCollection): void {
    const { from, to } = this.window;
    const askEvents = (from !== null || to !== null) && this.windowCounter !== null;
    const lean: string[] = [];
    edges.forEach((e: EdgeSingular) => {
      const d = e.data();
      let out = outsideValidity(d, this.window);
      if (d.family === 'lookup') {
        if (!d.buckets && askEvents) {
          // Counted by the event store below; until then the edge keeps its validity verdict.
          lean.push(e.id());
          if (out) e.addClass('out-of-window');
          return;
        }
        const c = d.buckets ? windowCount(d.buckets, d.bucketCounts, from, to) : d.count ?? 1;
        if (d.buckets && c === 0) out = true;
        e.data({ windowCount: c, width: lookupWidth(c), label: countLabel(c) });
      }
      if (out) e.addClass('out-of-window');
      else e.removeClass('out-of-window');
    });
    if (lean.length) this.windowSettled = Promise.all([this.windowSettled, this.countFromEvents(lean)]).then(() => undefined);
  }

  /** Window counts of lean lookup edges from the event store; an answer for an older window is dropped. */
  private async countFromEvents(ids: string[]): Promise<void> {
    const w = this.window;
    let counts: Map<string, number>;
    try {
      counts = await this.windowCounter!(ids, w);
    } catch {
      return; // the edges keep their last counts; the counter reports its own errors
    }
    if (this.window !== w) return;
    this.cy.batch(() => {
      for (const id of ids) {
        const e = this.cy.getElementById(id);
        if (e.empty()) continue;
        const c = counts.get(id) ?? 0;
        e.data({ windowCount: c, width: lookupWidth(c), label: countLabel(c) });
        if (c === 0 || outsideValidity(e.data(), w)) e.addClass('out-of-window');
        else e.removeClass('out-of-window');
      }
    });
  }

  selectedIds(): string[] {
    return this.cy.$(':selected').map((x) => x.id());
  }

  selectedNodes(): NodeSingular[] {
    return this.cy.nodes(':selected').toArray() as NodeSingular[];
  }

  clearHighlight(): void {
    this.cy.elements().removeClass('hl faded hl-role');
  }

  /** Ids of the elements currently highlighted (tests and the who-controls panel read it). */
  highlighted(): string[] {
    return this.cy.elements('.hl').map((e) => e.id());
  }

  highlight(ids: string[], roleIds: string[] = []): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass('hl hl-role').addClass('faded');
      for (const id of ids) cy.getElementById(id).removeClass('faded').addClass('hl');
      for (const id of roleIds) cy.getElementById(id).addClass('hl-role');
    });
  }

  nodeIds(): string[] {
    return this.cy.nodes().map((n) => n.id());
  }
}

export function nodeData(n: GNode): Record<string, unknown> {
  const c = n.props?.confidence;
  // conf drives the node's opacity (style.ts): a node is drawn as faint as its own confidence.
  return {
    id: n.id, kind: n.kind, key: n.key, label: n.name || n.key, name: n.name, degree: n.degree, props: n.props,
    conf: typeof c === 'number' ? Math.max(0, Math.min(100, c)) : 100, ...kindLook(n.kind),
  };
}

export function nodeClasses(n: GNode): string {
  const c = n.props?.confidence;
  return typeof c === 'number' && c < UNCERTAIN_BELOW ? 'uncertain' : '';
}

export function edgeData(e: GEdge): Record<string, unknown> {
  const family = relFamily(e.type);
  return {
    ...e,
    family,
    ...familyLook(family),
    label: family === 'lookup' ? countLabel(e.count ?? 0) : e.type.toLowerCase().replace(/_/g, ' '),
    width: lookupWidth(e.count ?? 1),
  };
}

export function edgeClasses(e: GEdge): string {
  return e.confidence !== null && e.confidence !== undefined && e.confidence < UNCERTAIN_BELOW ? 'uncertain' : '';
}

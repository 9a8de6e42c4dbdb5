// The visual language: shape and colour by kind, line style by relationship family, and
// uncertainty (confidence < 60) drawn faint and dashed. The legend is built from the same tables.
import type { StylesheetJson } from 'cytoscape';
import type { NodeKind } from '../../../server/src/model/index.ts';

/** Every kind of the model has its look (the type makes a new kind without one a build error). */
export const KIND_STYLE: Record<NodeKind, { shape: string; color: string; label: string }> = {
  Organization: { shape: 'round-rectangle', color: '#7b4fb0', label: 'Organization' },
  Domain: { shape: 'hexagon', color: '#1f6fb4', label: 'Domain' },
  Host: { shape: 'ellipse', color: '#2e9a3a', label: 'Host name' },
  IP: { shape: 'diamond', color: '#e07b00', label: 'IP address' },
  Prefix: { shape: 'rectangle', color: '#9a5a2a', label: 'Prefix' },
  ASN: { shape: 'octagon', color: '#d0312d', label: 'ASN' },
  Person: { shape: 'triangle', color: '#d15b9a', label: 'Person' },
  Source: { shape: 'tag', color: '#6b7280', label: 'Source' },
  Process: { shape: 'pentagon', color: '#0f766e', label: 'Process (Sysmon)' },
  Vpc: { shape: 'round-hexagon', color: '#4338ca', label: 'Cloud network (VPC)' },
  CloudInstance: { shape: 'round-diamond', color: '#0891b2', label: 'Cloud instance' },
};

/** The look of a kind named by the API (analysis records such as Claim have none). */
export function kindStyle(kind: string): { shape: string; color: string; label: string } | undefined {
  return (KIND_STYLE as Record<string, { shape: string; color: string; label: string } | undefined>)[kind];
}

export const FAMILY_STYLE: Record<string, { color: string; style: 'solid' | 'dashed' | 'dotted'; label: string }> = {
  control: { color: '#5b2d91', style: 'solid', label: 'Control / ownership' },
  dns: { color: '#2b7bb9', style: 'solid', label: 'DNS resolution' },
  lookup: { color: '#e38b16', style: 'solid', label: 'Lookups (label = count, width on a log scale)' },
  registry: { color: '#9a5a2a', style: 'dotted', label: 'Registry / network' },
  claim: { color: '#6b7280', style: 'dashed', label: 'Claim from a report' },
  analysis: { color: '#9ca3af', style: 'dotted', label: 'Analysis link' },
};

export const UNCERTAIN_BELOW = 60;

const OTHER_KIND = { shape: 'barrel', color: '#9ca3af' };
const OTHER_FAMILY = { color: '#9ca3af', style: 'solid' };

/** A node's drawing data: its kind's colour and shape (grey barrel for analysis records). */
export function kindLook(kind: string): { color: string; shape: string } {
  const k = kindStyle(kind) ?? OTHER_KIND;
  return { color: k.color, shape: k.shape };
}

/** An edge's drawing data: its family's line colour and style. */
export function familyLook(family: string): { lineColor: string; lineStyle: string } {
  const f = FAMILY_STYLE[family] ?? OTHER_FAMILY;
  return { lineColor: f.color, lineStyle: f.style };
}

/** What both sheets draw of a node. */
const NODE_LOOK = {
  // Colour and shape come from the element's data (canvas.ts nodeData): one data lookup per
  // element instead of matching a selector per kind (a third of the style time on 30k elements).
  'background-color': 'data(color)', shape: 'data(shape)' as never, width: 26, height: 26, 'border-width': 0,
  // Drawn as faint as the node's own confidence (100 = solid).
  'background-opacity': 'mapData(conf, 0, 100, 0.25, 1)' as never,
};

export function stylesheet(): StylesheetJson {
  const s: StylesheetJson = [
    {
      selector: 'node',
      style: {
        ...NODE_LOOK, label: 'data(label)',
        'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, color: '#111827',
        'text-outline-color': '#ffffff', 'text-outline-width': 2, 'min-zoomed-font-size': 7,
      },
    },
  ];
  s.push(
    { selector: 'node[kind = "Organization"]', style: { width: 34, height: 26 } },
    { selector: 'node.uncertain', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#6b7280' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827', 'border-style': 'solid' } },
    {
      selector: 'edge',
      style: {
        width: 1.6, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8,
        'line-color': 'data(lineColor)', 'target-arrow-color': 'data(lineColor)', 'line-style': 'data(lineStyle)' as never,
        label: 'data(label)', 'font-size': 7,
        'text-rotation': 'autorotate', color: '#374151', 'text-outline-color': '#fff', 'text-outline-width': 1.5,
        'min-zoomed-font-size': 9,
      },
    },
  );
  s.push(
    { selector: 'edge[family = "control"]', style: { width: 2.6 } },
    {
      selector: 'edge[family = "lookup"]',
      style: {
        width: 'data(width)', 'target-arrow-shape': 'vee', opacity: 0.85, 'font-size': 10, 'font-weight': 'bold', color: '#7c2d12',
        'min-zoomed-font-size': 5, 'text-background-color': '#fff7ed', 'text-background-opacity': 0.9, 'text-background-padding': '1px',
      },
    },
    // Claims: the lower the confidence, the sparser the dash.
    { selector: 'edge[family = "claim"]', style: { 'line-dash-pattern': [6, 3] } },
    { selector: 'edge.uncertain', style: { opacity: 0.45, 'line-style': 'dashed', 'line-dash-pattern': [4, 5] } },
    { selector: 'edge:selected', style: { 'line-color': '#111827', 'target-arrow-color': '#111827', opacity: 1, 'z-index': 10 } },
    { selector: '.out-of-window', style: { display: 'none' } },
    // A highlight keeps each element's own colour and dims the rest, so the chain reads against the graph.
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.hl', style: { 'border-width': 3, 'border-color': '#111827', 'border-style': 'solid', opacity: 1, 'z-index': 20 } },
    { selector: 'edge.hl', style: { width: 4, opacity: 1, 'z-index': 20 } },
    { selector: 'node.hl-role', style: { 'border-width': 5, 'border-color': '#dc2626', 'border-style': 'double' } },
  );
  return s;
}

/**
 * Large graphs (thousands of elements): straight "haystack" edges without arrows or labels, nodes
 * without labels, and only the selectors that selection, highlight, fading and the time window
 * need. Cytoscape matches every selector against every element, so on 30k elements each one left
 * out saves tens of milliseconds; the canvas switches sheets when it crosses the size.
 */
export function bigStylesheet(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        ...NODE_LOOK, label: '',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6, 'curve-style': 'haystack', 'haystack-radius': 0, 'line-color': 'data(lineColor)',
        'line-style': 'data(lineStyle)' as never, label: '',
      },
    },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827', 'border-style': 'solid' } },
    { selector: 'edge:selected', style: { 'line-color': '#111827', opacity: 1, 'z-index': 10 } },
    { selector: '.out-of-window', style: { display: 'none' } },
    { selector: '.faded', style: { opacity: 0.15 } },
    { selector: 'node.hl', style: { 'border-width': 3, 'border-color': '#111827', 'border-style': 'solid', opacity: 1, 'z-index': 20 } },
    { selector: 'edge.hl', style: { width: 4, opacity: 1, 'z-index': 20 } },
  ];
}

export function legendHtml(): string {
  const kinds = Object.values(KIND_STYLE)
    .map((v) => `<li><svg width="14" height="14" aria-hidden="true">${shapeSvg(v.shape, v.color)}</svg>${v.label}</li>`)
    .join('');
  const fams = Object.values(FAMILY_STYLE)
    .map((v) => `<li><svg width="26" height="8" aria-hidden="true"><line x1="0" y1="4" x2="26" y2="4" stroke="${v.color}" stroke-width="${v.label.startsWith('Lookups') ? 4 : 2}" ${v.style === 'dashed' ? 'stroke-dasharray="6 3"' : v.style === 'dotted' ? 'stroke-dasharray="2 2"' : ''}/></svg>${v.label}</li>`)
    .join('');
  const unc = `<li><svg width="26" height="8" aria-hidden="true"><line x1="0" y1="4" x2="26" y2="4" stroke="#374151" stroke-width="2" stroke-dasharray="4 5" opacity="0.45"/></svg>Uncertain (confidence &lt; ${UNCERTAIN_BELOW})</li><li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="#2e9a3a" opacity="0.35"/></svg>Faint node = low confidence</li>`;
  return `<details><summary>Legend</summary><ul class="legend-kinds">${kinds}</ul><ul class="legend-edges">${fams}${unc}</ul></details>`;
}

function shapeSvg(shape: string, color: string): string {
  switch (shape) {
    case 'ellipse': return `<circle cx="7" cy="7" r="6" fill="${color}"/>`;
    case 'diamond': return `<polygon points="7,0 14,7 7,14 0,7" fill="${color}"/>`;
    case 'hexagon': return `<polygon points="3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7" fill="${color}"/>`;
    case 'triangle': return `<polygon points="7,1 13,13 1,13" fill="${color}"/>`;
    case 'octagon': return `<polygon points="4,0 10,0 14,4 14,10 10,14 4,14 0,10 0,4" fill="${color}"/>`;
    case 'tag': return `<polygon points="0,2 10,2 14,7 10,12 0,12" fill="${color}"/>`;
    case 'round-rectangle': return `<rect x="0" y="2" width="14" height="10" rx="3" fill="${color}"/>`;
    default: return `<rect x="1" y="1" width="12" height="12" fill="${color}"/>`;
  }
}

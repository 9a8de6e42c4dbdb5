// Exports: PNG (cy.png), GraphML and Cytoscape JSON written here, STIX 2.1 through the API.
import type { Core } from 'cytoscape';
import { exportStix } from '../api/queries.ts';
import { download, esc } from './dom.ts';

export function toGraphml(cy: Core): string {
  const x = (v: unknown) => esc(v ?? '');
  const nodeKeys = ['kind', 'key', 'label'];
  const edgeKeys = ['type', 'confidence', 'validFrom', 'validTo', 'count', 'firstSeen', 'lastSeen'];
  const keys = [...nodeKeys.map((k) => `<key id="n_${k}" for="node" attr.name="${k}" attr.type="string"/>`),
    ...edgeKeys.map((k) => `<key id="e_${k}" for="edge" attr.name="${k}" attr.type="${k === 'confidence' || k === 'count' ? 'double' : 'string'}"/>`)].join('\n  ');
  const nodes = cy.nodes().map((n) => `    <node id="${x(n.id())}">${nodeKeys.map((k) => `<data key="n_${k}">${x(n.data(k))}</data>`).join('')}</node>`).join('\n');
  const edges = cy.edges().map((e) => `    <edge id="${x(e.id())}" source="${x(e.source().id())}" target="${x(e.target().id())}">${edgeKeys
    .filter((k) => e.data(k) !== null && e.data(k) !== undefined).map((k) => `<data key="e_${k}">${x(e.data(k))}</data>`).join('')}</edge>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n  ${keys}\n  <graph id="infragraph" edgedefault="directed">\n${nodes}\n${edges}\n  </graph>\n</graphml>\n`;
}

/** Writes the export and says what was written; an empty canvas or an empty image is an error, not a file. */
export async function exportAs(cy: Core, format: string): Promise<string> {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  if (cy.nodes().empty()) throw new Error('Nothing to export: the canvas is empty. Open an entity or a case first.');
  if (format === 'png') {
    const blob = cy.png({ output: 'blob', bg: '#ffffff', full: true, scale: 2 }) as unknown as Blob;
    if (!blob || blob.size === 0) throw new Error('The image came out empty; nothing was written.');
    download(`infragraph-${stamp}.png`, blob);
    return `Exported PNG (${Math.round(blob.size / 1024)} KB, ${cy.nodes().length} nodes).`;
  } else if (format === 'graphml') download(`infragraph-${stamp}.graphml`, toGraphml(cy), 'application/graphml+xml');
  else if (format === 'cyjs') download(`infragraph-${stamp}.cyjs`, JSON.stringify(cy.json(), null, 1), 'application/json');
  else if (format === 'stix') {
    const ids = cy.nodes().filter((n) => n.data('kind') !== 'Source').map((n) => n.id());
    const r = await exportStix(ids);
    download(r.filename || `infragraph-${stamp}.stix.json`, r.content, r.mimeType);
  } else throw new Error(`Unknown export format ${format}.`);
  return `Exported ${format} (${cy.nodes().length} nodes, ${cy.edges().length} edges).`;
}

import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
cytoscape.use(fcose);
const n = Number(process.argv[2]);
const els = [];
let s = 7; const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
for (let i = 0; i < n; i++) els.push({ group: 'nodes', data: { id: 'n' + i } });
for (let i = 1; i < n; i++) els.push({ group: 'edges', data: { id: 't' + i, source: 'n' + i, target: 'n' + Math.floor(rnd() * i) } });
for (let j = 0; j < n; j++) { const a = Math.floor(rnd() * n), b = Math.floor(rnd() * n); if (a !== b) els.push({ group: 'edges', data: { id: 'e' + j, source: 'n' + a, target: 'n' + b } }); }
const cy = cytoscape({ headless: true, styleEnabled: true, elements: els });
cy.style().selector('node').style({ width: 20, height: 20 }).update();
const extra = JSON.parse(process.argv[3] ?? '{}');
const t2 = performance.now();
cy.elements().layout({ name: 'fcose', quality: 'draft', randomize: true, animate: false, fit: false, nodeRepulsion: 6000, idealEdgeLength: 80, packComponents: false, ...extra }).run();
console.log(n, 'connected fcose', Math.round(performance.now() - t2), JSON.stringify(extra));
process.exit(0);

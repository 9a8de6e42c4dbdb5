// Keyboard shortcuts and their help overlay (`?`).
export const SHORTCUTS: [string, string][] = [
  ['/', 'Focus the search box'],
  ['e', 'Expand the selected nodes (or double-click a node)'],
  ['h / Delete', 'Hide the selection'],
  ['c', 'Collapse: hide the leaves around the selection'],
  ['u / Ctrl+Z', 'Undo the last expand, hide or collapse'],
  ['w', 'Who controls the selected host, domain or IP?'],
  ['p', 'Paths between the two selected nodes'],
  ['f', 'Fit the graph'],
  ['.', 'Centre on the selection'],
  ['k', 'Lock / unlock node positions'],
  ['l', 'Switch layout (force ↔ hierarchy) and run it'],
  ['r', 'Re-run the layout'],
  ['t', 'Clear the time window'],
  ['s', 'Copy a link to this view'],
  ['1 … 5', 'Side panel tabs: details, control, paths, hypotheses, investigations'],
  ['Esc', 'Clear highlight and selection, close this help'],
  ['?', 'This help'],
];

export function helpHtml(): string {
  return `<div class="help-card"><h2 id="help-title">Keyboard shortcuts</h2><table>${SHORTCUTS.map(([k, v]) => `<tr><th><kbd>${k}</kbd></th><td>${v}</td></tr>`).join('')}</table>
    <p class="muted">Mouse: click selects, Shift/Ctrl-click or box-drag adds to the selection, double-click expands, wheel zooms.</p><button data-close>Close</button></div>`;
}

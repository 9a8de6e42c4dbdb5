// The console's editor: CodeMirror 6 with the Cypher mode of @codemirror/legacy-modes, loaded
// lazily by investigations.ts. @neo4j-cypher/codemirror 1.0.3 does run on current CodeMirror 6,
// but its ANTLR parser added 268 KB gzipped, taking the app past its 400 KB budget; highlighting
// is what the console needs, and the server reports syntax errors in Neo4j's own words.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { StreamLanguage } from '@codemirror/language';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';

export function createCypherEditor(parent: HTMLElement, onRun: () => void): { getValue(): string; setValue(v: string): void } {
  const view = new EditorView({
    parent,
    doc: 'MATCH (ip:IP)-[q:QUERIED]->(h:Host {key: $host})\nRETURN ip, q, h LIMIT 25',
    extensions: [
      keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }]),
      basicSetup,
      StreamLanguage.define(cypher),
      EditorView.lineWrapping,
    ],
  });
  return {
    getValue: () => view.state.doc.toString(),
    setValue: (v: string) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: v } }),
  };
}

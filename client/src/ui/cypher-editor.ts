// The console's editor: CodeMirror 6 with the Cypher mode of @codemirror/legacy-modes, loaded
// lazily by investigations.ts. @neo4j-cypher/codemirror 1.0.3 does run on current CodeMirror 6,
// but its ANTLR parser added 268 KB gzipped, taking the app past its 400 KB budget. Instead the
// console asks the live database: completion from its labels, types and keys
// (cypher-completion.ts), and errors underlined where Neo4j's EXPLAIN says they are.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { StreamLanguage } from '@codemirror/language';
import { autocompletion } from '@codemirror/autocomplete';
import { linter, type Diagnostic } from '@codemirror/lint';
import { cypher } from '@codemirror/legacy-modes/mode/cypher';
import { cypherCompletions, type CompletionData } from './cypher-completion.ts';

export interface CypherEditor { getValue(): string; setValue(v: string): void; focus(): void; view: EditorView }
export type CheckFn = (text: string) => Promise<{ message: string; offset: number | null }[]>;

export function createCypherEditor(parent: HTMLElement, onRun: () => void, o: { completion: () => CompletionData | null | Promise<CompletionData | null>; check: CheckFn }): CypherEditor {
  const lint = linter(async (view): Promise<Diagnostic[]> => {
    const text = view.state.doc.toString();
    if (!text.trim()) return [];
    let errors: { message: string; offset: number | null }[];
    try { errors = await o.check(text); } catch { return []; }
    // The text may have changed while Neo4j was asked: positions only count for the same text.
    if (view.state.doc.toString() !== text) return [];
    return errors.map((e) => {
      const len = text.length;
      const from = Math.max(0, Math.min(e.offset ?? 0, Math.max(0, len - 1)));
      const word = /^[\w$`'".]+/.exec(text.slice(from))?.[0].length ?? 1;
      return { from, to: Math.min(len, from + Math.max(1, word)), severity: 'error', message: e.message, source: 'Neo4j' };
    });
  }, { delay: 700 });
  const view = new EditorView({
    parent,
    doc: 'MATCH (ip:IP)-[q:QUERIED]->(h:Host {key: $host})\nRETURN ip, q, h LIMIT 25',
    extensions: [
      keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }]),
      basicSetup,
      StreamLanguage.define(cypher),
      autocompletion({ override: [cypherCompletions(o.completion)], activateOnTyping: true }),
      lint,
      EditorView.lineWrapping,
    ],
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: (v: string) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: v } }),
    focus: () => view.focus(),
  };
}

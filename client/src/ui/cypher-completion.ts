// Completion for the console from what the live database holds: labels after ":" in a node
// pattern, relationship types after ":" or "|" in a relationship pattern, property keys after
// "x." and inside "{…}", parameter names after "$", and at a word start Cypher keywords and the
// saved investigations (picking one loads its Cypher and parameters into the console).
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

export interface CompletionData {
  labels: string[];
  relationshipTypes: string[];
  propertyKeys: string[];
  /** Names usable after "$": the parameters field and the loaded investigation's parameters. */
  params(): string[];
  investigations: { name: string; summary: string }[];
  /** Load an investigation into the console. */
  openInvestigation(name: string): void;
}

const KEYWORDS = ['MATCH', 'OPTIONAL MATCH', 'WHERE', 'RETURN', 'WITH', 'ORDER BY', 'LIMIT', 'SKIP', 'UNWIND', 'CALL', 'DISTINCT',
  'AS', 'AND', 'OR', 'NOT', 'IN', 'IS NULL', 'IS NOT NULL', 'CONTAINS', 'STARTS WITH', 'ENDS WITH', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END',
  'UNION', 'EXISTS', 'COUNT', 'collect', 'count', 'coalesce', 'size', 'nodes', 'relationships', 'shortestPath', 'allShortestPaths', 'datetime', 'toLower'];

/** The innermost bracket still open before the cursor, outside strings and comments. */
export function openBracket(text: string): '(' | '[' | '{' | null {
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = null; continue; }
    if (c === '/' && text[i + 1] === '/') { const nl = text.indexOf('\n', i); if (nl < 0) break; i = nl; continue; }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || c === '}') stack.pop();
  }
  return (stack[stack.length - 1] as '(' | '[' | '{' | undefined) ?? null;
}

const opts = (list: string[], type: string, detail?: string): Completion[] => list.map((label) => ({ label, type, detail }));

/**
 * The completion source. `data` may still be on its way (a promise): the source then waits for it,
 * so what a user types before the database's vocabulary arrives is completed when it does
 * (returning nothing would leave the list shut until the next key).
 */
export function cypherCompletions(data: () => CompletionData | null | Promise<CompletionData | null>): (ctx: CompletionContext) => CompletionResult | null | Promise<CompletionResult | null> {
  return (ctx) => {
    const d = data();
    if (d instanceof Promise) return d.then((x) => (x ? complete(x, ctx) : null));
    return d ? complete(d, ctx) : null;
  };
}

function complete(d: CompletionData, ctx: CompletionContext): CompletionResult | null {
  const before = ctx.state.sliceDoc(0, ctx.pos);
  const param = ctx.matchBefore(/\$\w*/);
  if (param) return { from: param.from + 1, options: opts(d.params(), 'variable', 'parameter'), validFor: /^\w*$/ };
  const prop = ctx.matchBefore(/[\w`]\.\w*/);
  if (prop) return { from: prop.from + 2, options: opts(d.propertyKeys, 'property', 'property key'), validFor: /^\w*$/ };
  const typed = ctx.matchBefore(/[:|]\s*\w*/);
  const open = openBracket(before);
  if (typed && (open === '(' || open === '[')) {
    const from = typed.from + typed.text.length - (/\w*$/.exec(typed.text)?.[0].length ?? 0);
    return open === '('
      ? { from, options: opts(d.labels, 'type', 'label'), validFor: /^\w*$/ }
      : { from, options: opts(d.relationshipTypes, 'type', 'relationship type'), validFor: /^\w*$/ };
  }
  if (open === '{') {
    const key = ctx.matchBefore(/[{,]\s*\w*/);
    if (key) return { from: key.from + key.text.length - (/\w*$/.exec(key.text)?.[0].length ?? 0), options: opts(d.propertyKeys, 'property', 'property key'), validFor: /^\w*$/ };
  }
  // Investigation names have dashes: a word here may too.
  const word = ctx.matchBefore(/[\w-]+/);
  if (!word && !ctx.explicit) return null;
  const from = word ? word.from : ctx.pos;
  return {
    from,
    options: [
      ...opts(KEYWORDS, 'keyword'),
      ...d.investigations.map((inv): Completion => ({
        label: inv.name, type: 'function', detail: 'investigation', info: inv.summary, boost: -1,
        apply: () => d.openInvestigation(inv.name),
      })),
    ],
    validFor: /^[\w-]*$/,
  };
}

// Bracket depth of JSON text, string-aware, carried across lines: how the passive-DNS parser
// knows where a pretty-printed document that spans lines ends without re-parsing it per line.

export interface DepthState {
  depth: number;
  inString: boolean;
  escaped: boolean;
}

export function scanDepth(text: string, st: DepthState): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (st.inString) {
      if (st.escaped) st.escaped = false;
      else if (c === 92 /* \ */) st.escaped = true;
      else if (c === 34 /* " */) st.inString = false;
    } else if (c === 34) st.inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) st.depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) st.depth--;
  }
}

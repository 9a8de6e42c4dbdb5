// The bundled GraphQL IDE served on a browser GET /graphql. Everything is local: the machines
// running Infragraph often have no internet, so no CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';

// GraphiQL's fetcher contract is one function; a plain fetch keeps the bundle free of extra deps.
const fetcher = async (params: unknown, opts?: { headers?: Record<string, string> }) => {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts?.headers ?? {}) },
    body: JSON.stringify(params),
  });
  return res.json();
};

const DEFAULT_QUERY = `# Infragraph GraphQL API. Ctrl+Enter runs; the Docs pane lists every type.
{
  health { status database }
  version { app neo4j }
}
`;

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher as never} defaultQuery={DEFAULT_QUERY} />);

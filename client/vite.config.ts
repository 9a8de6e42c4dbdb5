// Client build: `npx vite build client` (run from the repo root) writes client/dist/, which the
// server serves with an SPA fallback. Two entries: the app (index.html) and the GraphQL IDE
// (graphiql.html), kept apart so React and Monaco never reach the app's bundle.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // bench/ui/bundle-size.ts reads the manifest to tell the app's chunks from the IDE's.
    manifest: true,
    rollupOptions: {
      onwarn(w, next) {
        // GraphiQL's React dependencies carry "use client" directives, meaningless in a plain bundle.
        if (w.code === 'MODULE_LEVEL_DIRECTIVE') return;
        next(w);
      },
      input: {
        main: path.join(root, 'index.html'),
        graphiql: path.join(root, 'graphiql.html'),
      },
    },
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4100', '/healthz': 'http://127.0.0.1:4100' },
  },
});

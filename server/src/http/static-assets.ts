// The client build over HTTP: responses compressed (brotli or gzip, as the browser asks), Vite's
// content-hashed files under /assets cached for a year as immutable, and index.html revalidated on
// every load so a new build is picked up at once (its hashed names change, the HTML does not).
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import compression from 'compression';

/** Compression for every response (GraphQL JSON included); small bodies are sent as they are. */
export function compressResponses(): express.RequestHandler {
  return compression({ threshold: 1024, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } });
}

const HASHED = /[.-][A-Za-z0-9_-]{8,}\.(?:js|css|woff2?|svg|png|wasm)$/;

/** Static files of the client build with cache headers by kind of file. */
export function serveClient(dist: string): express.RequestHandler {
  return express.static(dist, {
    index: 'index.html',
    setHeaders(res, file) {
      const rel = path.relative(dist, file).split(path.sep).join('/');
      if (rel.startsWith('assets/') && HASHED.test(rel)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });
}

/** The SPA fallback: index.html, never cached without revalidation. */
export function sendIndex(dist: string): express.RequestHandler {
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  };
}

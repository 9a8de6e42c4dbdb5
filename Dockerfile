# The Infragraph server; Neo4j runs in its own container (docker-compose.yml), so no Java here.

# Build stage: the client bundle needs the dev dependencies (Vite and the front-end packages).
FROM node:20-slim AS client
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY client ./client
RUN npx vite build client --logLevel warn

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production

# Dependencies first so source edits do not invalidate the npm layer. tsx is a runtime dependency:
# the server runs its TypeScript directly.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY bin ./bin
COPY server ./server
COPY cypher ./cypher
COPY --from=client /build/client/dist ./client/dist
COPY data ./data

# A named volume mounted here inherits this ownership on first use.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

ENV HOST=0.0.0.0 PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]

// The graph vocabulary: the ground floor every layer and the client import (docs/architecture.md).
// This folder imports nothing outside itself and nothing from Node, so the client can bundle it.
export * from './node-kinds.ts';
export * from './rel-types.ts';
export * from './rel-families.ts';
export * from './analysis.ts';
export * from './prop-values.ts';

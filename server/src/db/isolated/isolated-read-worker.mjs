// Worker-thread entry of an isolated read: the sources are TypeScript, so register tsx's loader in
// this thread before loading the worker's code (a worker does not inherit the parent's hooks).
const { register } = await import('tsx/esm/api');
register();
await import('./isolated-read-run.ts');

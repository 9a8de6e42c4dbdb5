// A tiny task pool: at most n tasks in flight, in order, failing fast. Writers to Neo4j use it
// to keep both cores busy without flooding the server with transactions.

/** Rows cut into batches of `size` (one transaction each). */
export function slices<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function pool(tasks: (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
}

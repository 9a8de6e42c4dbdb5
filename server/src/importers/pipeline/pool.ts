// A tiny task pool: at most n tasks in flight, in order, failing fast. Writers to Neo4j use it
// to keep both cores busy without flooding the server with transactions.
export async function pool(tasks: (() => Promise<void>)[], n: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
}

/** One sentence that says what is wrong and how to fix it; the app maps it by name. */
export function embeddedError(sentence: string): Error {
  const e = new Error(sentence);
  e.name = 'EmbeddedNeo4jError';
  return e;
}

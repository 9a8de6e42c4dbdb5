// The console's own API calls: completion vocabulary, Neo4j's verdict on the text (EXPLAIN), and
// "Save as investigation".
import { gql } from '../api/graphql.ts';

export interface Vocabulary { labels: string[]; relationshipTypes: string[]; propertyKeys: string[] }
export interface Diagnostic { message: string; line: number | null; column: number | null; offset: number | null }

export async function fetchVocabulary(): Promise<Vocabulary> {
  const d = await gql<{ schemaVocabulary: Vocabulary }>('{ schemaVocabulary { labels relationshipTypes propertyKeys } }');
  return d.schemaVocabulary;
}

export async function checkCypherText(query: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<Diagnostic[]> {
  const d = await gql<{ checkCypher: { ok: boolean; errors: Diagnostic[] } }>(
    'query C($q: String!, $p: JSON) { checkCypher(query: $q, params: $p) { ok errors { message line column offset } } }', { q: query, p: params }, signal);
  return d.checkCypher.errors;
}

export interface SaveInput { name: string; summary: string; cypher: string; params: Record<string, unknown>; expectRows?: number; overwrite?: boolean; shadow?: boolean }

export async function saveAsInvestigation(input: SaveInput): Promise<{ name: string; origin: string; params: { name: string; type: string }[] }> {
  const d = await gql<{ saveInvestigation: { name: string; origin: string; params: { name: string; type: string }[] } }>(
    'mutation S($input: SaveInvestigationInput!) { saveInvestigation(input: $input) { name origin params { name type } } }', { input });
  return d.saveInvestigation;
}

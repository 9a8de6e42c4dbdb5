// One fetch wrapper for /graphql. Errors keep the API's own words: `extensions.code` + message.

export class ApiError extends Error {
  constructor(public code: string, message: string) {
    super(message);
  }
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

interface GqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError('NETWORK', `The server did not answer (${(e as Error).message}).`);
  }
  let body: GqlResponse<T>;
  try {
    body = (await res.json()) as GqlResponse<T>;
  } catch {
    throw new ApiError(`HTTP_${res.status}`, `The server answered ${res.status} without JSON.`);
  }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.extensions?.code ?? 'ERROR', e.message);
  }
  if (!body.data) throw new ApiError(`HTTP_${res.status}`, 'The server answered without data.');
  return body.data;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${e.code}: ${e.message}`;
  return (e as Error)?.message ?? String(e);
}

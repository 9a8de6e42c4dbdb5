// Errors that are the client's, raised before GraphQL sees the request (body parsing): answered
// as 400 with a code and a reason instead of falling through to a 500.
import { ErrorCode } from '../errors.ts';

export interface ClientError { status: number; code: ErrorCode; message: string }

export function httpClientError(err: unknown, jsonLimit: string): ClientError | undefined {
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string; limit?: number; length?: number };
  if (!e || typeof e !== 'object') return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, code: ErrorCode.BAD_USER_INPUT, message: `The request body is not valid JSON: ${String(e.message ?? '').slice(0, 200)}` };
    case 'entity.too.large':
      return { status: 400, code: ErrorCode.LIMIT_EXCEEDED, message: `The request body is ${e.length ?? 'over'} bytes; the limit is ${jsonLimit} (${e.limit ?? ''} bytes).`.replace(' ( bytes)', '') };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 400, code: ErrorCode.BAD_USER_INPUT, message: `The request body's encoding is not supported: ${String(e.message ?? '')}` };
    case 'request.aborted':
    case 'request.size.invalid':
      return { status: 400, code: ErrorCode.BAD_USER_INPUT, message: `The request body was incomplete: ${String(e.message ?? '')}` };
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, code: status === 401 ? ErrorCode.UNAUTHENTICATED : status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.BAD_USER_INPUT, message: String(e.message ?? 'Bad request') };
  }
  return undefined;
}

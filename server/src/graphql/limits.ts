// Bounds on what one request may ask for: nesting depth and estimated cost. Both are checked
// during validation, before any resolver runs or any Cypher is sent.
import depthLimit from 'graphql-depth-limit';
import { createComplexityRule, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import type { ValidationRule } from 'graphql';
import { AppError, ErrorCode } from '../errors.ts';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 5000;

export function validationRules(): ValidationRule[] {
  return [
    depthLimit(MAX_DEPTH) as ValidationRule,
    createComplexityRule({
      maximumComplexity: MAX_COMPLEXITY,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
      createError: (max, actual) => new AppError(ErrorCode.LIMIT_EXCEEDED, `The query is too expensive (cost ${actual}, limit ${max}); ask for fewer fields or smaller pages.`) as never,
    }) as ValidationRule,
  ];
}

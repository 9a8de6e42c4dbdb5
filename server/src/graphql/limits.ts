// Bounds on what one request may ask for: nesting depth (a validation rule) and estimated cost
// (a plugin, because the cost of fields with arguments can only be computed with the request's
// variables, which validation rules never see). Both run before any resolver or Cypher.
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import { GraphQLError, separateOperations, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.ts';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 5000;

export function validationRules(): ValidationRule[] {
  return [depthLimit(MAX_DEPTH) as ValidationRule];
}

export function complexityPlugin<T extends object>(max = MAX_COMPLEXITY): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const query = request.operationName ? separateOperations(document)[request.operationName] ?? document : document;
          let cost: number;
          try {
            cost = getComplexity({
              schema, query, variables: request.variables ?? {},
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (e) {
            // Variables that do not fit their types: the same message execution would give.
            throw new GraphQLError((e as Error).message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
          }
          if (cost > max) {
            throw new GraphQLError(`The query is too expensive (cost ${cost}, limit ${max}); ask for fewer fields or smaller pages.`, {
              extensions: { code: ErrorCode.LIMIT_EXCEEDED, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

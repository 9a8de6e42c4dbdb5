// Bounds on what one request may ask for: nesting depth (a validation rule) and estimated cost
// (a plugin, because the cost of fields with arguments can only be computed with the request's
// variables, which validation rules never see). Both run before any resolver or Cypher. Every
// root field that reaches the database costs what field-costs.ts says for its arguments, so 500
// aliased `paths(maxHops: 8, k: 10)` cost 400,000 and are refused before any of them runs.
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLError, separateOperations, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.ts';
import { FIELD_COSTS } from './field-costs.ts';

export const MAX_DEPTH = 12;
export const MAX_COMPLEXITY = 5000;

export function validationRules(): ValidationRule[] {
  return [depthLimit(MAX_DEPTH) as ValidationRule];
}

/** Cost of a database field by its arguments, plus what is selected below it. */
export const fieldCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const f = FIELD_COSTS[`${type.name}.${field.name}`];
  if (!f) return undefined;
  return Math.ceil(f(args)) + childComplexity;
};

export function requestCost(schema: Parameters<typeof getComplexity>[0]['schema'], query: Parameters<typeof getComplexity>[0]['query'], variables: Record<string, unknown>): number {
  return getComplexity({ schema, query, variables, estimators: [fieldCostEstimator, simpleEstimator({ defaultComplexity: 1 })] });
}

export function complexityPlugin<T extends object>(max = MAX_COMPLEXITY): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const query = request.operationName ? separateOperations(document)[request.operationName] ?? document : document;
          let cost: number;
          try {
            cost = requestCost(schema, query, request.variables ?? {});
          } catch (e) {
            // Variables that do not fit their types: the same message execution would give.
            throw new GraphQLError((e as Error).message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
          }
          if (cost > max) {
            throw new GraphQLError(`The query is too expensive (cost ${cost}, limit ${max}); ask for fewer fields, fewer aliases, smaller pages, fewer hops or fewer paths.`, {
              extensions: { code: ErrorCode.LIMIT_EXCEEDED, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

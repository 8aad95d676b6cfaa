/** Authentication failures: one shape for every mode, HTTP 401, never a hint of the secret. */
import { GraphQLError } from 'graphql';

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

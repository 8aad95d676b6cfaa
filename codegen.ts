/**
 * `npm run codegen`: typed documents for the tests (client preset) from schema.client.graphql and
 * test/schema/documents/*.graphql, written to test/generated/.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.client.graphql',
  documents: ['test/schema/documents/**/*.graphql'],
  emitLegacyCommonJSImports: false,
  ignoreNoDocuments: false,
  silent: true,
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: true },
      config: {
        useTypeImports: true,
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
      },
    },
  },
};

export default config;

import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { ConfigError } from '../../connectors/config';
import { documentId, type Manifest } from '../../apps/persisted/manifest';

/**
 * Persisted documents from the committed manifest (operations/manifest.json, trusted documents): a client
 * sends `documentId` (body or query string, `sha256:` prefix optional) or Apollo's APQ
 * `extensions.persistedQuery.sha256Hash` instead of the document. This is the engine's own persisted
 * operations plugin (what the runtime's `persistedDocuments` option installs) with the manifest as its store.
 *
 * With `persistedOnlyForApiKeys`, a caller with an API key (`x-api-key`, or `authorization: ApiKey …`) may run
 * only documents in the manifest: a service account's key cannot be used to run anything else. A full
 * document whose text is exactly one in the manifest counts as persisted, so the apps (which post the
 * manifest's documents with the caller's headers) work either way.
 */
export interface PersistedDocumentsOptions {
  /** The trusted documents. */
  manifest: Manifest;
  /** `PERSISTED_ONLY_FOR_API_KEYS=true`: API keys run only persisted documents. Default false. */
  persistedOnlyForApiKeys?: boolean;
}

/** Whether a request authenticates with an API key rather than a bearer token. */
export function hasApiKey(request: Request): boolean {
  return !!request.headers.get('x-api-key') || /^apikey\s/i.test(request.headers.get('authorization') ?? '');
}

/** PERSISTED_ONLY_FOR_API_KEYS, validated: true or false (default false). */
export function persistedOnlyForApiKeysFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.PERSISTED_ONLY_FOR_API_KEYS;
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new ConfigError(`PERSISTED_ONLY_FOR_API_KEYS must be true or false, got "${raw}"`);
}

export function usePersistedDocuments(options: PersistedDocumentsOptions): GatewayPlugin {
  const byId = new Map(options.manifest.operations.map((op) => [op.id, op.body]));
  const onlyPersisted = (request: Request) => !!options.persistedOnlyForApiKeys && hasApiKey(request);
  return {
    onPluginInit({ addPlugin }) {
      addPlugin({
        // A document sent in full that is in the manifest runs as the persisted one.
        onParams({ params, setParams }) {
          if (!params.query) return;
          const id = documentId(params.query);
          if (byId.has(id)) setParams({ ...params, query: undefined, extensions: { ...params.extensions, persistedQuery: { version: 1, sha256Hash: id } } });
        },
      });
      addPlugin(
        usePersistedOperations({
          getPersistedOperation: (id) => byId.get(id.replace(/^sha256:/, '')) ?? null,
          extractPersistedOperationId: (params, request) => {
            const fromBody = (params as { documentId?: unknown }).documentId;
            if (typeof fromBody === 'string') return fromBody;
            const fromUrl = new URL(request.url).searchParams.get('documentId');
            if (fromUrl) return fromUrl;
            const apq = (params.extensions as { persistedQuery?: { version?: number; sha256Hash?: unknown } } | undefined)?.persistedQuery;
            return apq?.version === 1 && typeof apq.sha256Hash === 'string' ? apq.sha256Hash : null;
          },
          allowArbitraryOperations: (request) => !onlyPersisted(request),
          customErrors: {
            notFound: {
              message: 'No persisted operation has this documentId (operations/manifest.json lists them).',
              extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
            },
            persistedQueryOnly: {
              message: 'API keys may run only persisted operations: send the documentId of one in operations/manifest.json.',
              extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
            },
            keyNotFound: {
              message: 'Send a GraphQL document (query) or the documentId of a persisted operation.',
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            },
          },
        }),
      );
    },
  };
}

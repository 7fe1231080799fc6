import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { defaultProtectSingleValidateFn, useGenericAuth, type ValidateUserFnParams } from '@envelop/generic-auth';
import { createRemoteJwksSigningKeyProvider, useJWT, type ExtractTokenFunction } from '@graphql-mesh/plugin-jwt-auth';
import { getDirectiveExtensions } from '@graphql-tools/utils';
import { getOperationAST, GraphQLError, isInterfaceType, isObjectType, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLSchema } from 'graphql';
import { ANONYMOUS_DEMO_CALLER, type Caller } from '../../subgraphs/common/caller';
import { IDENTITY_HEADER, signCaller } from '../../subgraphs/common/identity';
import { apiKeyVerifier } from '../auth/api-keys';
import type { AuthConfig, JwtSettings } from '../auth/config';

/**
 * Who is calling, and what they may see, with the engine's own plugins doing the solved parts:
 * - `useJWT` (Hive Gateway's JWT plugin) verifies bearer tokens against the issuer's JWKS: signature, issuer,
 *   audience, expiry, and the algorithm allow-list (`alg: none` and HS* never pass).
 * - API keys (`X-API-Key: …` or `Authorization: ApiKey …`) are looked up by their SHA-256.
 * - With neither: the anonymous demo caller when `AUTH_MODE=off`, 401 `UNAUTHENTICATED` when `required`.
 * - `useGenericAuth` (what the engine's `genericAuth` option installs) enforces the schema's `@requiresScopes`
 *   and `@authenticated`: a field the caller may not see is cut from the operation before planning, so no
 *   subgraph is asked for it, and comes back null with a `FORBIDDEN` error naming the scope; the rest answers.
 * - Every subgraph fetch carries the caller, signed (`x-pmo-caller`, subgraphs/common/identity.ts).
 */
export interface AuthPluginOptions {
  config: AuthConfig;
  /** Issuers whose tokens count: the university IdP and/or the demo issuer. */
  issuers: JwtSettings[];
}

/** The context field the caller lives in (also what `useGenericAuth` reads). */
export const CALLER_FIELD = 'caller';

interface AuthContext {
  request?: Request;
  jwt?: { payload?: Record<string, unknown> };
  [CALLER_FIELD]?: Caller;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } } });
}

/** Only `Authorization: Bearer …` is a token; `ApiKey …` is ours, anything else is refused below. */
const bearerToken: ExtractTokenFunction = ({ request }) => {
  const header = request?.headers.get('authorization');
  const match = header && /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? { prefix: 'Bearer', token: match[1] } : undefined;
};

function presentedApiKey(request: Request): string | undefined {
  const header = request.headers.get('x-api-key');
  if (header) return header.trim();
  const match = /^ApiKey\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1];
}

/** Scopes from a token: `scope` (space-separated), `scp` (Entra ID, string or list) or `roles` (app roles). */
function scopesOf(payload: Record<string, unknown>, claim: string): string[] {
  const value = payload[claim] ?? (claim === 'scope' ? payload.scp : undefined);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((s): s is string => typeof s === 'string');
  return [];
}

function callerFromToken(payload: Record<string, unknown>, issuers: JwtSettings[]): Caller {
  const settings = issuers.find((i) => i.issuer === payload.iss) ?? issuers[0];
  const email = [payload.email, payload.preferred_username, payload.upn].find((v): v is string => typeof v === 'string' && v.includes('@'));
  return Object.freeze({
    subject: String(payload.sub ?? email ?? 'unknown'),
    ...(email ? { email: email.trim().toLowerCase() } : {}),
    ...(typeof payload.name === 'string' ? { name: payload.name } : {}),
    scopes: Object.freeze(scopesOf(payload, settings.scopeClaim)),
    kind: 'user' as const,
  });
}

/** The scopes a field or its type needs, as the schema says, for the error message. */
function neededScopes(params: ValidateUserFnParams<Caller>): string[][] {
  return [...(params.typeScopes ?? []), ...(params.fieldScopes ?? [])];
}

/**
 * The caller a request's credentials make: the verified token's (the JWT plugin's payload), the API key's, or,
 * with none and `AUTH_MODE=off`, the anonymous demo caller. Throws 401 for bad credentials (and for none when
 * required).
 */
function callerResolver({ config, issuers }: AuthPluginOptions): (context: AuthContext) => Caller {
  const verifyApiKey = apiKeyVerifier(config.apiKeys);
  return (context) => {
    const request = context.request;
    let caller: Caller | undefined;
    if (context.jwt?.payload) caller = callerFromToken(context.jwt.payload, issuers);
    else if (request) {
      const key = presentedApiKey(request);
      if (key !== undefined) {
        caller = verifyApiKey(key) ?? undefined;
        if (!caller) throw unauthenticated('API key not recognised');
      } else if (request.headers.get('authorization')) {
        throw unauthenticated('Authorization must be "Bearer <token>" or "ApiKey <key>"');
      }
    }
    if (caller) return caller;
    if (config.mode === 'required') throw unauthenticated('Authentication required: send Authorization: Bearer <token> (your IdP, or `npm run token` in the demo) or X-API-Key: <key>');
    return ANONYMOUS_DEMO_CALLER;
  };
}

/**
 * The caller `useAuth` will establish for a request, for a plugin that must know who asks before the operation
 * is built (the wallboard cache looks answers up by it when the request's parameters are read). A bearer token
 * counts only verified: the JWT plugin verifies it while the request is parsed, before any such hook, and leaves
 * the payload on the server context (an invalid token never gets this far). Null where `useAuth` refuses the
 * request: it is refused there, in its own words.
 */
export function callerIdentifier(options: AuthPluginOptions): (request: Request, serverContext: object) => Caller | null {
  const resolve = callerResolver(options);
  return (request, serverContext) => {
    try {
      return resolve({ request, jwt: (serverContext as AuthContext).jwt });
    } catch {
      return null;
    }
  };
}

export function useAuth(options: AuthPluginOptions): GatewayPlugin {
  const { config, issuers } = options;
  const resolve = callerResolver(options);
  const callers = new WeakMap<object, Caller>();
  /** Requests some of whose fields were cut (the cut field nodes), and the data as executed (before anyone fills in the cut fields). */
  const cut = new WeakMap<object, FieldNode[]>();
  const executed = new WeakMap<object, unknown>();
  const documents = documentInterning();

  /** Resolves the caller once per request; throws 401 for bad credentials (and for none when required). */
  const callerOf = (context: AuthContext): Caller => {
    const cached = context[CALLER_FIELD] ?? callers.get(context);
    if (cached) return cached;
    const caller = resolve(context);
    callers.set(context, caller);
    return caller;
  };

  const plugins: GatewayPlugin[] = [];
  if (issuers.length) {
    plugins.push(
      useJWT({
        signingKeyProviders: issuers.map((i) => createRemoteJwksSigningKeyProvider({ jwksUri: i.jwksUrl, cache: true, rateLimit: true, jwksRequestsPerMinute: 10, timeout: 5000 })) as [never],
        tokenLookupLocations: [bearerToken],
        tokenVerification: {
          issuer: issuers.map((i) => i.issuer) as [string],
          audience: issuers.map((i) => i.audience) as [string],
          algorithms: [...new Set(issuers.flatMap((i) => i.algorithms))] as never,
          clockTolerance: Math.max(...issuers.map((i) => i.clockToleranceSeconds)),
        },
        reject: { missingToken: false, invalidToken: true },
        extendContext: 'jwt',
        // The caller reaches subgraphs signed by us (below), not as the raw token.
        forward: { payload: false, token: false },
      }) as unknown as GatewayPlugin,
    );
  }
  // What the schema can ask for; a caller holding all of it cannot lose a field, so its requests skip the pass.
  let demanded: ReadonlySet<string> | null = null;
  const cannotBeCut = (context: object): boolean => {
    const caller = (context as AuthContext)[CALLER_FIELD];
    return Boolean(caller && demanded && [...demanded].every((scope) => caller.scopes.includes(scope)));
  };
  plugins.push({
    onSchemaChange({ schema }) {
      demanded = scopesDemandedBy(schema);
    },
  } as GatewayPlugin);
  plugins.push(
    skippingValidationWhen(cannotBeCut, useGenericAuth<Caller, AuthContext, typeof CALLER_FIELD>({
      mode: 'protect-granular',
      contextFieldName: CALLER_FIELD,
      resolveUserFn: (context) => callerOf(context),
      extractScopes: (caller) => [...caller.scopes],
      // An unauthorised field is cut and reported; the rest of the operation runs.
      rejectUnauthenticated: false,
      validateUser: (params) => {
        if (!defaultProtectSingleValidateFn(params)) return;
        const context = params.executionArgs.contextValue as object;
        const fields = cut.get(context) ?? [];
        fields.push(params.fieldNode);
        cut.set(context, fields);
        const required = neededScopes(params);
        const where = `${params.parentType.name}.${params.field.name}`;
        const needs = required.map((set) => set.join(' and ')).join(' or ');
        return new GraphQLError(`Not authorised: ${where} needs the scope ${needs}`, {
          nodes: [params.fieldNode],
          path: params.path as string[],
          extensions: { code: 'FORBIDDEN', requiredScopes: required },
        });
      },
    }) as unknown as GatewayPlugin),
  );

  // When every root field was cut, nothing is left to plan: answer the nulls and errors without executing.
  plugins.push({
    onExecute({ args, setResultAndStopExecution }) {
      args.document = documents.settle(args.contextValue as object, args.document, cut.get(args.contextValue as object));
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (!operation || operation.selectionSet.selections.length === 0) setResultAndStopExecution({ data: {} });
    },
  } as GatewayPlugin);

  return {
    onPluginInit({ addPlugin }) {
      for (const plugin of plugins) addPlugin(plugin as never);
    },
    // Runs before the validation plugin's own clean-up, which would invent an object for a cut field whose parent is
    // null (`lead: { phone: null }` for a project without a lead): keep the data as executed and null it ourselves.
    onExecute({ args }) {
      const context = args.contextValue as object;
      documents.remember(context, args.document);
      return {
        onExecuteDone({ result }) {
          if (cut.has(context) && !Array.isArray(result) && !(Symbol.asyncIterator in (result as object))) {
            executed.set(context, structuredClone((result as ExecutionResult).data ?? {}));
          }
        },
      };
    },
    onExecutionResult({ result, setResult, context }) {
      const data = executed.get(context as object);
      if (data === undefined || !result || Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const single = result as ExecutionResult;
      for (const error of single.errors ?? []) if (error.extensions?.code === 'FORBIDDEN' && error.path) setNull(data, error.path);
      setResult({ ...single, data: data as ExecutionResult['data'] });
    },
    onFetch({ context, options: fetchOptions, setOptions }) {
      const caller = (context as AuthContext | undefined)?.[CALLER_FIELD];
      if (!caller || !config.identitySecret) return;
      const headers = new Headers(fetchOptions.headers as HeadersInit | undefined);
      headers.set(IDENTITY_HEADER, signCaller(caller, config.identitySecret));
      setOptions({ ...fetchOptions, headers: Object.fromEntries(headers) });
    },
  };
}

/**
 * Every scope a `@requiresScopes` of the schema names (on a type or a field); null when a `@policy` is present,
 * which no set of scopes satisfies for sure.
 */
function scopesDemandedBy(schema: GraphQLSchema): ReadonlySet<string> | null {
  const scopes = new Set<string>();
  const read = (target: Parameters<typeof getDirectiveExtensions>[0]): boolean => {
    const directives = getDirectiveExtensions<{ requiresScopes: { scopes: string[][] }; policy: { policies: string[][] } }>(target, schema);
    for (const use of directives.requiresScopes ?? []) for (const set of use.scopes ?? []) for (const scope of set) scopes.add(scope);
    return Boolean(directives.policy?.length);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (read(type)) return null;
    if (isObjectType(type) || isInterfaceType(type)) for (const field of Object.values(type.getFields())) if (read(field)) return null;
  }
  return scopes;
}

/**
 * `useGenericAuth` checks each field of each operation in a validation pass (the extended-validation plugin it
 * adds: a visit of the document with type info, and a rebuilt document). For a caller the check cannot refuse
 * (every scope the schema names: the demo caller, an administrator) the pass is skipped: same outcome, less work.
 */
function skippingValidationWhen(skip: (context: object) => boolean, plugin: GatewayPlugin): GatewayPlugin {
  const guard = <H extends (payload: { args: { contextValue: unknown } }) => unknown>(hook: H | undefined): H | undefined =>
    hook && (((payload: Parameters<H>[0]) => (skip(payload.args.contextValue as object) ? undefined : hook(payload))) as H);
  return {
    ...plugin,
    onPluginInit(payload) {
      plugin.onPluginInit?.({
        ...payload,
        addPlugin: (added) => {
          const validation = added as { onExecute?: never; onSubscribe?: never };
          payload.addPlugin({ ...added, onExecute: guard(validation.onExecute), onSubscribe: guard(validation.onSubscribe) } as never);
        },
      });
    },
  } as GatewayPlugin;
}

/**
 * The engine plans a document once per document object (its plan cache is a WeakMap keyed by the document), and
 * the parse cache hands every request with the same text the same object. The auth pass, though, rebuilds the
 * document on every request (the validation plugin's visit and clean-up), so every request would be planned
 * again (the Rust planner's work and a print of the document: 20 identical requests made 20 plans). So execution gets back the parsed document itself when nothing was cut, and one shared
 * rebuilt document per parsed document and set of cut fields (the rebuild depends on nothing else).
 */
function documentInterning() {
  const parsed = new WeakMap<object, DocumentNode>();
  const rebuilt = new WeakMap<DocumentNode, Map<string, DocumentNode>>();
  const ids = new WeakMap<FieldNode, number>();
  let nextId = 0;
  const idOf = (node: FieldNode) => {
    let id = ids.get(node);
    if (id === undefined) ids.set(node, (id = nextId++));
    return id;
  };
  /** Distinct cut sets kept per document: a handful of scope sets in practice; the bound only stops a flood. */
  const MAX_VARIANTS = 64;
  return {
    /** The document as parsed, before the auth pass. */
    remember(context: object, document: DocumentNode): void {
      parsed.set(context, document);
    },
    /** The document to execute after the auth pass: the parsed one, or the shared rebuild for these cuts. */
    settle(context: object, document: DocumentNode, cutFields: readonly FieldNode[] | undefined): DocumentNode {
      const original = parsed.get(context);
      if (!original || original === document) return document;
      if (!cutFields?.length) return original;
      const key = cutFields.map(idOf).sort((a, b) => a - b).join(',');
      let variants = rebuilt.get(original);
      if (!variants) rebuilt.set(original, (variants = new Map()));
      const known = variants.get(key);
      if (known) return known;
      if (variants.size >= MAX_VARIANTS) variants.clear();
      variants.set(key, document);
      return document;
    },
  };
}

/** Sets `null` at a path whose list steps are written `@` (every item), where the parent exists and is not null. */
function setNull(target: unknown, path: ReadonlyArray<string | number>): void {
  if (target === null || typeof target !== 'object') return;
  const [head, ...rest] = path;
  if (head === '@') {
    if (Array.isArray(target)) for (const item of target) setNull(item, rest);
    return;
  }
  if (Array.isArray(target)) {
    for (const item of target) setNull(item, path);
    return;
  }
  const record = target as Record<string, unknown>;
  if (!rest.length) {
    if (!(String(head) in record)) record[String(head)] = null;
    return;
  }
  setNull(record[String(head)], rest);
}

import { appendFileSync } from 'node:fs';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, Kind, valueFromASTUntyped, type ExecutionResult, type FieldNode } from 'graphql';
import type { Caller } from '../../subgraphs/common/caller';
import type { Logger } from '../../subgraphs/common/logging';
import { CALLER_FIELD } from './auth';

/** One line of the audit log: who changed what, on which project, and how it ended. */
export interface AuditRecord {
  time: string;
  audit: 'mutation';
  requestId?: string;
  subject: string;
  kind: Caller['kind'];
  email?: string;
  operationName?: string;
  /** The mutation fields run, with the project each names. */
  mutations: Array<{ field: string; projectKey?: string }>;
  result: 'ok' | 'error' | 'partial';
  errorCodes?: string[];
}

export type AuditSink = (record: AuditRecord) => void;

export interface AuditConfig {
  /** AUDIT_LOG_FILE: a file of its own, one JSON record a line; unset, the records go to the gateway's log. */
  file?: string;
}

export function loadAuditConfig(env: NodeJS.ProcessEnv = process.env): AuditConfig {
  const file = env.AUDIT_LOG_FILE?.trim();
  return file ? { file } : {};
}

/**
 * Appends to the audit file, or logs through the gateway's logger: one pino line (`component: "audit"`,
 * `msg: "audit"`) among the others rather than a second writer on stdout whose lines interleave with them.
 * The log line's own `time` is the record's. Audit records are not diagnostics: a LOG_LEVEL above info does
 * not drop them (only `silent` does).
 */
export function auditSink(config: AuditConfig, logger: Logger): AuditSink {
  const { file } = config;
  if (file) return (record) => appendFileSync(file, `${JSON.stringify(record)}\n`);
  const log = logger.child({ component: 'audit' }, { level: logger.level === 'silent' ? 'silent' : 'info' });
  return ({ time: _time, ...record }) => log.info(record, 'audit');
}

/** Every mutation, refused or run, as one audit line (never the arguments' text: reports may hold anything). */
export function useAuditLog(sink: AuditSink, requestIdOf: (request: Request | undefined) => string | undefined): GatewayPlugin {
  const pending = new WeakMap<Request, Omit<AuditRecord, 'time' | 'result' | 'errorCodes'>>();
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (operation?.operation !== 'mutation') return;
      const variables = args.variableValues as Record<string, unknown> | undefined;
      const mutations = operation.selectionSet.selections
        .filter((s): s is FieldNode => s.kind === Kind.FIELD)
        .map((field) => {
          const argument = field.arguments?.find((a) => a.name.value === 'projectKey' || a.name.value === 'key');
          const value = argument && valueFromASTUntyped(argument.value, variables);
          const projectKey = typeof value === 'string' ? value : undefined;
          return { field: field.name.value, ...(projectKey ? { projectKey: projectKey.slice(0, 100) } : {}) };
        });
      const context = args.contextValue as { [CALLER_FIELD]?: Caller; request?: Request };
      const caller = context[CALLER_FIELD];
      const record = {
        audit: 'mutation' as const,
        requestId: requestIdOf(context.request),
        subject: caller?.subject ?? 'unknown',
        kind: caller?.kind ?? ('anonymous' as const),
        ...(caller?.email ? { email: caller.email } : {}),
        ...(args.operationName ? { operationName: args.operationName } : operation.name ? { operationName: operation.name.value } : {}),
        mutations,
      };
      if (context.request) pending.set(context.request, record);
      else sink({ time: new Date().toISOString(), ...record, result: 'ok' });
    },
    // The final result, after every plugin had its say (a field refused by the auth plugin shows here).
    onResultProcess({ request, result }) {
      const record = pending.get(request);
      if (!record || Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      pending.delete(request);
      const single = result as ExecutionResult;
      const codes = [...new Set((single.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
      const data = single.data as Record<string, unknown> | null | undefined;
      const anyData = !!data && Object.values(data).some((v) => v !== null && v !== undefined);
      sink({ time: new Date().toISOString(), ...record, result: !codes.length ? 'ok' : anyData ? 'partial' : 'error', ...(codes.length ? { errorCodes: codes } : {}) });
    },
  };
}

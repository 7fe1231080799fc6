import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../../connectors/config';
import type { HealthOverride } from '../../../connectors/jira/health-override';
import type { DeliveryHealthResult, RagValue } from './delivery-health';

/**
 * The published rule that turns what the systems compute and what the PM reported into one `Project.health`.
 *
 * Per dimension (schedule, scope, cost, resources, operations):
 * - `prefer: "worst"` (default): the worse of the computed and the reported RAG; `"computed"`: the computed RAG
 *   when there is one, else the reported; `"reported"`: the reported RAG when there is one, else the computed.
 * - Computed: schedule and scope from the Jira delivery rules, resources from the PMO staffing in Jira
 *   (resources-health.ts), operations from the ServiceNow rules. Cost no system computes: without a report it is
 *   null (unknown), not GREEN.
 * - `ignoreStaleReports: true`: a report older than the cadence is not used (default false: it is, and said so).
 * Overall is the worst of the dimensions and the PM's reported overall (under the same `prefer`).
 * An override (reason, author, expiry) that has not expired replaces overall, and says so in `reasons`.
 *
 * A deployment changes the rule with a JSON file named by PROJECTS_HEALTH_COMBINATION (any subset of keys).
 */

export const combinationRulesSchema = z
  .object({ prefer: z.enum(['worst', 'computed', 'reported']), ignoreStaleReports: z.boolean() })
  .strict();
export type CombinationRules = z.infer<typeof combinationRulesSchema>;
export const DEFAULT_COMBINATION_RULES: CombinationRules = { prefer: 'worst', ignoreStaleReports: false };

export function loadCombinationRules(env: NodeJS.ProcessEnv): CombinationRules {
  const file = env.PROJECTS_HEALTH_COMBINATION;
  if (!file) return DEFAULT_COMBINATION_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PROJECTS_HEALTH_COMBINATION: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = combinationRulesSchema.safeParse({ ...DEFAULT_COMBINATION_RULES, ...(raw as object) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`PROJECTS_HEALTH_COMBINATION: ${issue.path.join('.') || 'rules'}: ${issue.message} (in ${file})`);
  }
  return parsed.data;
}

export const DIMENSIONS = ['schedule', 'scope', 'cost', 'resources', 'operations'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type HealthSourceValue = 'JIRA_RULE' | 'SERVICENOW_RULE' | 'PM_REPORT' | 'PM_OVERRIDE';
export type Dimensions = Record<Dimension, RagValue | null> & { overall: RagValue | null };

export interface HealthReasonValue {
  /** The dimension the reason is about; null for the override. */
  dimension: Dimension | 'overall';
  rag: RagValue;
  source: HealthSourceValue;
  message: string;
}

export interface ReportedStatus {
  id: string;
  statusDate: string;
  overall: RagValue;
  schedule: RagValue | null;
  scope: RagValue | null;
  cost: RagValue | null;
  resources: RagValue | null;
  stale: boolean;
}

export interface HealthInputs {
  delivery: DeliveryHealthResult | null;
  /** From the tickets subgraph through `@requires`; null when ServiceNow could not answer. */
  operations: { rag: RagValue; reasons: string[] } | null;
  /** From the PMO staffing (resources-health.ts); null without a team. Optional: absent reads as unknown. */
  resources?: { rag: RagValue; reasons: string[] } | null;
  reported: ReportedStatus | null;
  override: HealthOverride | null;
  today: string;
}

export interface CombinedHealth {
  overall: RagValue | null;
  dimensions: Dimensions;
  computed: Dimensions;
  reported: Dimensions | null;
  reasons: HealthReasonValue[];
  override: (HealthOverride & { active: boolean }) | null;
}

const RANK: Record<RagValue, number> = { GREEN: 0, AMBER: 1, RED: 2 };
export const worse = (a: RagValue | null, b: RagValue | null): RagValue | null => (a === null ? b : b === null ? a : RANK[b] > RANK[a] ? b : a);
const worstOf = (values: Array<RagValue | null>): RagValue | null => values.reduce<RagValue | null>(worse, null);

function pick(rules: CombinationRules, computed: RagValue | null, reported: RagValue | null): RagValue | null {
  if (rules.prefer === 'computed') return computed ?? reported;
  if (rules.prefer === 'reported') return reported ?? computed;
  return worse(computed, reported);
}

/** "Schedule AMBER: 3 of 20 …" → the dimension it names and the sentence. */
function deliveryReason(text: string): HealthReasonValue {
  const match = /^(Schedule|Scope) (AMBER|RED): (.*)$/s.exec(text);
  if (!match) return { dimension: 'schedule', rag: 'AMBER', source: 'JIRA_RULE', message: text };
  return { dimension: match[1].toLowerCase() as Dimension, rag: match[2] as RagValue, source: 'JIRA_RULE', message: match[3] };
}

/** "RED: 2 open P1 incidents (rule p1Open >= 1)" → its RAG and sentence. */
function operationsReason(text: string): HealthReasonValue {
  const match = /^(AMBER|RED): (.*)$/s.exec(text);
  return { dimension: 'operations', rag: (match?.[1] as RagValue) ?? 'AMBER', source: 'SERVICENOW_RULE', message: match?.[2] ?? text };
}

/** Applies the combination rule. Pure: the same inputs give the same health. */
export function combineHealth(inputs: HealthInputs, rules: CombinationRules): CombinedHealth {
  const { delivery, operations, override, today } = inputs;
  const computedDims: Record<Dimension, RagValue | null> = {
    schedule: delivery?.schedule ?? null,
    scope: delivery?.scope ?? null,
    cost: null,
    resources: inputs.resources?.rag ?? null,
    operations: operations?.rag ?? null,
  };
  const computed: Dimensions = { ...computedDims, overall: worstOf(Object.values(computedDims)) };
  const report = inputs.reported && !(rules.ignoreStaleReports && inputs.reported.stale) ? inputs.reported : null;
  const reported: Dimensions | null = inputs.reported
    ? {
        schedule: inputs.reported.schedule,
        scope: inputs.reported.scope,
        cost: inputs.reported.cost,
        resources: inputs.reported.resources,
        operations: null,
        overall: inputs.reported.overall,
      }
    : null;
  const usedReport: Dimensions | null = report ? reported : null;

  const reasons: HealthReasonValue[] = [
    ...(delivery?.reasons ?? []).map(deliveryReason),
    ...(operations?.reasons ?? []).map(operationsReason),
    ...(inputs.resources?.reasons ?? []).map((message): HealthReasonValue => ({ dimension: 'resources', rag: inputs.resources!.rag, source: 'JIRA_RULE', message })),
  ];
  if (usedReport && report) {
    const when = `in ${report.id} of ${report.statusDate}${report.stale ? ' (stale: older than the reporting cadence)' : ''}`;
    for (const dimension of ['overall', ...DIMENSIONS] as const) {
      const rag = usedReport[dimension];
      if (rag && rag !== 'GREEN') reasons.push({ dimension, rag, source: 'PM_REPORT', message: `The PM reported ${dimension} ${rag} ${when}` });
    }
  }

  const dims = Object.fromEntries(DIMENSIONS.map((d) => [d, pick(rules, computedDims[d], usedReport?.[d] ?? null)])) as Record<Dimension, RagValue | null>;
  let overall = pick(rules, worstOf(Object.values(dims)), usedReport?.overall ?? null);
  const active = override !== null && override.expires >= today;
  if (override && active) {
    overall = override.overall;
    reasons.unshift({
      dimension: 'overall',
      rag: override.overall,
      source: 'PM_OVERRIDE',
      message: `Overridden to ${override.overall} by ${override.author} until ${override.expires}: ${override.reason}`,
    });
  }
  reasons.sort((a, b) => Number(b.source === 'PM_OVERRIDE') - Number(a.source === 'PM_OVERRIDE') || RANK[b.rag] - RANK[a.rag]);
  return { overall, dimensions: { ...dims, overall }, computed, reported, reasons, override: override ? { ...override, active } : null };
}

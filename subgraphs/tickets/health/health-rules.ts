/**
 * Operational health: published rules over a project's ticket statistics. A rule is `metric>=threshold:RAG`;
 * `TICKETS_HEALTH_RULES` lists them comma-separated and replaces the defaults. The worst triggered rule sets the
 * RAG, and every triggered rule adds a reason, so a RED or AMBER always says why.
 */

export const HEALTH_METRICS = ['openIncidents', 'p1Open', 'p2Open', 'changesNext14Days', 'failedChangesLast30Days', 'openProblems'] as const;
export type HealthMetric = (typeof HEALTH_METRICS)[number];
export type TicketStatsValues = Record<HealthMetric, number>;

export type RagLevel = 'GREEN' | 'AMBER' | 'RED';

export interface HealthRule {
  metric: HealthMetric;
  atLeast: number;
  rag: Exclude<RagLevel, 'GREEN'>;
}

/** What each metric counts, for reasons ("2 open P1 incidents"). */
const NOUNS: Record<HealthMetric, readonly [string, string]> = {
  openIncidents: ['open incident', 'open incidents'],
  p1Open: ['open P1 incident', 'open P1 incidents'],
  p2Open: ['open P2 incident', 'open P2 incidents'],
  changesNext14Days: ['change planned in the next 14 days', 'changes planned in the next 14 days'],
  failedChangesLast30Days: ['failed change in the last 30 days', 'failed changes in the last 30 days'],
  openProblems: ['open problem', 'open problems'],
};

export const DEFAULT_HEALTH_RULES_TEXT = 'p1Open>=1:RED,failedChangesLast30Days>=1:AMBER,p2Open>=3:AMBER,openProblems>=3:AMBER';

const RULE = /^([A-Za-z0-9]+)\s*>=\s*(\d+)\s*:\s*(RED|AMBER)$/i;

export function parseHealthRules(text: string): HealthRule[] {
  const rules = text.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const match = RULE.exec(part);
    if (!match) throw new Error(`"${part}" is not a rule like p1Open>=1:RED`);
    const metric = HEALTH_METRICS.find((m) => m.toLowerCase() === match[1].toLowerCase());
    if (!metric) throw new Error(`"${match[1]}" is not one of ${HEALTH_METRICS.join(', ')}`);
    const atLeast = Number(match[2]);
    if (atLeast < 1) throw new Error(`"${part}": the threshold must be at least 1`);
    return { metric, atLeast, rag: match[3].toUpperCase() as HealthRule['rag'] };
  });
  if (!rules.length) throw new Error('no rules given');
  return rules;
}

export const DEFAULT_HEALTH_RULES: readonly HealthRule[] = parseHealthRules(DEFAULT_HEALTH_RULES_TEXT);

export interface HealthVerdict {
  rag: RagLevel;
  reasons: string[];
}

const SEVERITY: Record<RagLevel, number> = { GREEN: 0, AMBER: 1, RED: 2 };

export function evaluateHealth(rules: readonly HealthRule[], stats: Pick<TicketStatsValues, HealthMetric>): HealthVerdict {
  const triggered = rules
    .filter((rule) => stats[rule.metric] >= rule.atLeast)
    .sort((a, b) => SEVERITY[b.rag] - SEVERITY[a.rag]);
  return {
    rag: triggered[0]?.rag ?? 'GREEN',
    reasons: triggered.map((rule) => {
      const n = stats[rule.metric];
      return `${rule.rag}: ${n} ${NOUNS[rule.metric][n === 1 ? 0 : 1]} (rule ${rule.metric} >= ${rule.atLeast})`;
    }),
  };
}

/** The metrics the rules read: only those are fetched for operationalHealth. */
export const metricsOf = (rules: readonly HealthRule[]): HealthMetric[] => [...new Set(rules.map((r) => r.metric))];

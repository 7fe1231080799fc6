import DataLoader from 'dataloader';
import type { ServiceNowConnector } from '../../../connectors/servicenow/connector';
import type { TicketTable } from '../../../connectors/servicenow/models';
import { condition, encodedQuery, glideDateTime, type Condition } from '../../../connectors/servicenow/query';
import type { HealthMetric, TicketStatsValues } from '../health/health-rules';
import { KEYS_PER_REQUEST, type ProjectLink } from '../project-link';
import { openStateCodes } from '../ticket/ticket.enums';

/**
 * Project ticket statistics from the Aggregate API (`/api/now/stats/{table}` grouped by the link field), never by
 * reading rows. The six metrics come from four groups, each one request per batch of projects, asked only
 * when a selected field (or a health rule) needs it.
 */

export type StatsGroup = 'openIncidents' | 'changesNext14Days' | 'failedChangesLast30Days' | 'openProblems';
export type PartialStats = Partial<TicketStatsValues>;

export const GROUP_OF: Record<HealthMetric, StatsGroup> = {
  openIncidents: 'openIncidents',
  p1Open: 'openIncidents',
  p2Open: 'openIncidents',
  changesNext14Days: 'changesNext14Days',
  failedChangesLast30Days: 'failedChangesLast30Days',
  openProblems: 'openProblems',
};

export const metricsOfGroup = (group: StatsGroup): HealthMetric[] => (Object.keys(GROUP_OF) as HealthMetric[]).filter((m) => GROUP_OF[m] === group);

const DAY = 86_400_000;

interface GroupQuery {
  table: TicketTable;
  conditions: Condition[];
  /** Extra group-by column besides the link field. */
  by?: string;
  /** Adds one group's count (with its extra column's value) to a project's stats. */
  add(stats: PartialStats, count: number, by: string | undefined): void;
}

export function groupQuery(group: StatsGroup, now: Date): GroupQuery {
  const at = (days: number) => glideDateTime(new Date(now.getTime() + days * DAY));
  const plus = (metric: HealthMetric) => (stats: PartialStats, count: number) => {
    stats[metric] = (stats[metric] ?? 0) + count;
  };
  switch (group) {
    case 'openIncidents':
      return {
        table: 'incident',
        conditions: [condition.in('state', openStateCodes('incident'))],
        by: 'priority',
        add(stats, count, priority) {
          plus('openIncidents')(stats, count);
          if (priority === '1') plus('p1Open')(stats, count);
          if (priority === '2') plus('p2Open')(stats, count);
        },
      };
    case 'changesNext14Days':
      // Not yet closed or canceled, with a planned start from now to 14 days ahead.
      return {
        table: 'change_request',
        conditions: [condition.in('state', openStateCodes('change_request')), condition.where('start_date', '>=', at(0)), condition.where('start_date', '<', at(14))],
        add: plus('changesNext14Days'),
      };
    case 'failedChangesLast30Days':
      // Closed unsuccessful, with a planned end (the implementation window) in the last 30 days.
      return {
        table: 'change_request',
        conditions: [condition.where('close_code', '=', 'unsuccessful'), condition.where('end_date', '>=', at(-30)), condition.where('end_date', '<=', at(0))],
        add: plus('failedChangesLast30Days'),
      };
    case 'openProblems':
      return { table: 'problem', conditions: [condition.in('state', openStateCodes('problem'))], add: plus('openProblems') };
  }
}

export function statsLoader(servicenow: ServiceNowConnector, link: ProjectLink, group: StatsGroup, now: () => Date): DataLoader<string, PartialStats> {
  return new DataLoader<string, PartialStats>(
    async (keys) => {
      const spec = groupQuery(group, now());
      const query = encodedQuery();
      for (const c of spec.conditions) query.and(c);
      query.anyOf(link.conditions(keys));
      const linkField = link.rule.field;
      const counts = await servicenow.countTickets(spec.table, query, spec.by ? `${linkField},${spec.by}` : linkField);
      // Every project has every metric of the group, zero when no group counted towards it.
      const zero = (): PartialStats => Object.fromEntries(metricsOfGroup(group).map((m) => [m, 0]));
      const byKey = new Map<string, PartialStats>(keys.map((k) => [k, zero()]));
      for (const { group: values, count } of counts) {
        const key = link.projectOf(values[linkField] ?? null, keys);
        if (key !== null) spec.add(byKey.get(key)!, count, spec.by ? values[spec.by] : undefined);
      }
      return keys.map((k) => byKey.get(k)!);
    },
    { maxBatchSize: KEYS_PER_REQUEST },
  );
}

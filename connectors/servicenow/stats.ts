import type { QueryParams } from '../http/client';
import type { TicketTable } from './models';
import type { EncodedQuery } from './query';
import type { RawStats, RawStatsResponse } from './raw';

/** The Aggregate API (`GET /api/now/stats/{table}`, UPSTREAM.md B3): a count, optionally per group. */

export interface GroupCount {
  group: Record<string, string>;
  count: number;
}

/** Group-by columns come from our code, not from callers: a CSV of (possibly dot-walked) field names. */
const GROUP_BY = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*(,[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*)*$/;

export function statsRequest(table: TicketTable, query: EncodedQuery, groupBy?: string): { path: string; params: QueryParams } {
  if (groupBy !== undefined && !GROUP_BY.test(groupBy)) throw new Error(`Not a ServiceNow group-by field list: ${groupBy}`);
  const encoded = query.toString();
  return {
    path: `/api/now/stats/${table}`,
    params: { sysparm_count: true, sysparm_query: encoded === '' ? undefined : encoded, sysparm_group_by: groupBy },
  };
}

const count = (stats: RawStats | undefined): number => {
  const n = Number(stats?.count ?? 0);
  return Number.isFinite(n) ? n : 0;
};

/** Counts arrive as strings; an ungrouped count becomes one entry with an empty group. */
export function readCounts(body: RawStatsResponse): GroupCount[] {
  const { result } = body;
  if (!Array.isArray(result)) return [{ group: {}, count: count(result?.stats) }];
  return result.map((entry) => ({
    group: Object.fromEntries((entry.groupby_fields ?? []).map((f) => [f.field, f.value])),
    count: count(entry.stats),
  }));
}

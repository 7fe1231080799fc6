/**
 * Table API and Aggregate API wire JSON (UPSTREAM.md B1, B3). All scalars are strings. What shape a field
 * takes depends on `sysparm_display_value` and `sysparm_exclude_reference_link`:
 * - a bare string: a value (`false`), a display value (`true`), or a reference with its link excluded;
 * - `{value, link}`: a reference under `false`;
 * - `{display_value, link}`: a reference under `true`;
 * - `{display_value, value[, link]}`: any field under `all`.
 */

export interface RawFieldObject {
  value?: string;
  display_value?: string;
  link?: string;
}

export type RawField = string | RawFieldObject;

/** One record, keyed by the requested field names (dot-walked ones under their dotted name). */
export type RawRecord = Record<string, RawField | undefined>;

export interface RawTableResponse {
  result: RawRecord[];
}

export interface RawStats {
  count?: string;
}

export interface RawGroupByField {
  field: string;
  value: string;
  display_value?: string;
}

export interface RawStatsGroup {
  stats: RawStats;
  groupby_fields: RawGroupByField[];
}

/** One `stats` object without `sysparm_group_by`, one entry per group with it. */
export interface RawStatsResponse {
  result: { stats: RawStats } | RawStatsGroup[];
}

export interface RawErrorEnvelope {
  error?: { message?: string; detail?: string | null };
  status?: string;
}

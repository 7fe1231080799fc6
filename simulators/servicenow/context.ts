import type { Tables } from './tables';

/** What every handler reads: the rendered tables and the clock `javascript:gs.daysAgo(…)` is evaluated against. */
export interface ServiceNowContext {
  tables: Tables;
  now: () => Date;
}

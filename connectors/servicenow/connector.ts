import type { TicketPage, TicketTable } from './models';
import type { EncodedQuery } from './query';

/** The ServiceNow operations the tickets subgraph uses. Implemented by ServiceNowClient (Table API). */
export interface ServiceNowConnector {
  /**
   * `GET /api/now/table/{table}` with only the fields the domain object needs (plus `assigned_to.email` and the
   * configured project link field, returned as `projectLink`),
   * `sysparm_display_value=all`, the query's ORDERBY (a stable `number` order is appended when absent),
   * one page of `limit` rows from `offset`. `total` comes from X-Total-Count.
   */
  listTickets(table: TicketTable, options: { query: EncodedQuery; limit: number; offset?: number }): Promise<TicketPage>;
  /** Every row matching the query, paging by offset until X-Total-Count is reached (never stopping on a short page). */
  listAllTickets(table: TicketTable, query: EncodedQuery, options?: { pageSize?: number; maxRows?: number }): Promise<TicketPage>;
  /** `GET /api/now/stats/{table}?sysparm_count=true` (optionally grouped); counts as numbers. */
  countTickets(table: TicketTable, query: EncodedQuery, groupBy?: string): Promise<Array<{ group: Record<string, string>; count: number }>>;
}

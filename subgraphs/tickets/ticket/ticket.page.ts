import type { TicketPage } from '../../../connectors/servicenow/models';
import { encodeCursor, type ConnectionShape } from '../../common/pagination';
import { toTicket, type Ticket } from './ticket.type';

/**
 * A connection over one Table API page asked for with `limit` rows from `offset`. The instance applies the limit
 * before ACLs, so a page can be short without being the last: the next page starts at offset + limit (that is
 * what endCursor points before), and only the count says whether rows remain. Without a count (an instance set
 * up to skip it) totalCount is what has been seen so far and an empty page ends the list.
 */
export function tablePageConnection(page: TicketPage, offset: number, limit: number): ConnectionShape<Ticket> {
  const edges = page.records.map((record, i) => ({ cursor: encodeCursor('o', offset + i), node: toTicket(record) }));
  const next = offset + limit;
  const hasNextPage = page.total === null ? page.records.length > 0 : next < page.total;
  return {
    edges,
    totalCount: page.total ?? offset + page.records.length,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.length || hasNextPage ? encodeCursor('o', next - 1) : null,
    },
  };
}

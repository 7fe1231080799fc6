import type { UpstreamConfig } from '../http/config';
import { HttpClient } from '../http/client';
import { UpstreamError } from '../http/errors';
import { InvalidInputError } from '../http/invalid-input';
import { mapOnce } from '../http/memo';
import type { ServiceNowConnector } from './connector';
import { describeServiceNowError } from './errors';
import type { Ticket, TicketPage, TicketTable } from './models';
import type { EncodedQuery } from './query';
import type { RawStatsResponse, RawTableResponse } from './raw';
import { readCounts, statsRequest, type GroupCount } from './stats';
import { isFieldName } from './query';
import { ticketFields, toTicket } from './tables';

export interface ServiceNowClientOptions {
  /**
   * The (possibly dot-walked) string field that links a ticket to a Jira project; every ticket read carries its
   * value as `projectLink`. Default `correlation_id`.
   */
  projectLinkField?: string;
}

/** The ServiceNow connector over the Table API and the Aggregate API. */
export class ServiceNowClient implements ServiceNowConnector {
  private readonly http: HttpClient;
  private readonly projectLinkField: string;

  constructor(config: UpstreamConfig, options: ServiceNowClientOptions = {}) {
    this.http = new HttpClient(config, describeServiceNowError);
    this.projectLinkField = options.projectLinkField ?? 'correlation_id';
    if (!isFieldName(this.projectLinkField)) throw new Error(`Not a ServiceNow field name: ${this.projectLinkField}`);
  }

  async listTickets(table: TicketTable, options: { query: EncodedQuery; limit: number; offset?: number }): Promise<TicketPage> {
    const { query, limit, offset = 0 } = options;
    // The instance reads a missing or zero limit as its 10,000-row default: refuse rather than over-fetch.
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidInputError(`A page size must be a positive whole number, got ${limit}`, 'limit');
    if (!Number.isInteger(offset) || offset < 0) throw new InvalidInputError(`An offset must be a whole number ≥ 0, got ${offset}`, 'offset');
    const encoded = query.toString();
    // Offset paging is only stable under a total order.
    const ordered = query.hasOrder() ? encoded : [encoded, 'ORDERBYnumber'].filter((part) => part !== '').join('^');
    const path = `/api/now/table/${table}`;
    const response = await this.http.get<RawTableResponse | undefined>(path, {
      sysparm_query: ordered,
      sysparm_fields: ticketFields(table, this.projectLinkField).join(','),
      sysparm_display_value: 'all',
      sysparm_exclude_reference_link: true,
      sysparm_limit: limit,
      sysparm_offset: offset,
    });
    const result = response.data?.result;
    if (!Array.isArray(result)) throw this.unexpectedBody(path);
    return {
      // Mapped once per cached answer: a warm page costs no mapping.
      records: mapOnce(result, `${table} ${this.projectLinkField}`, () => result.map((raw) => toTicket(table, raw, this.http.baseUrl, this.projectLinkField))),
      total: totalCount(response.headers['x-total-count']),
    };
  }

  async listAllTickets(table: TicketTable, query: EncodedQuery, options: { pageSize?: number; maxRows?: number } = {}): Promise<TicketPage> {
    const { pageSize = 1000, maxRows = Infinity } = options;
    const records: Ticket[] = [];
    let total: number | null = null;
    // Pages can come back short (the instance applies sysparm_limit before ACLs), so only the count, or an
    // empty page when there is no count, ends the walk; offsets advance by what was asked for.
    for (let offset = 0; records.length < maxRows; ) {
      const limit = Math.min(pageSize, maxRows - records.length);
      const page = await this.listTickets(table, { query, limit, offset });
      records.push(...page.records);
      total = page.total;
      offset += limit;
      if (total === null ? page.records.length === 0 : offset >= total) break;
    }
    return { records: records.slice(0, maxRows), total };
  }

  async countTickets(table: TicketTable, query: EncodedQuery, groupBy?: string): Promise<GroupCount[]> {
    const { path, params } = statsRequest(table, query, groupBy);
    const response = await this.http.get<RawStatsResponse | undefined>(path, params);
    if (!response.data || typeof response.data.result !== 'object' || response.data.result === null) throw this.unexpectedBody(path);
    return readCounts(response.data);
  }

  /** A hibernating instance or an SSO login page answers 200 with HTML: an outage, not an empty result. */
  private unexpectedBody(path: string): UpstreamError {
    return new UpstreamError(this.http.name, 'server', `${this.http.name} GET ${path}: the response carries no "result"`);
  }
}

function totalCount(header: string | undefined): number | null {
  return header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : null;
}

import DataLoader from 'dataloader';
import type { ServiceNowConnector } from '../../connectors/servicenow/connector';
import type { Ticket, TicketTable } from '../../connectors/servicenow/models';
import { encodedQuery, type Condition } from '../../connectors/servicenow/query';
import { linkConditions, linkedProject } from './project-link';

export interface TicketsOptions {
  /** Safety cap on rows read for one batch of projects (a runaway filter must not pull a whole table). */
  maxRowsPerBatch: number;
}

/** Projects per Table API request: keeps the encoded query (2 conditions per key) well inside URL limits. */
const PROJECTS_PER_REQUEST = 40;

export interface TicketsContext {
  servicenow: ServiceNowConnector;
  options: TicketsOptions;
  /**
   * Tickets of many projects from one request per table and filter: every Project.incidents(filter) in an
   * operation with the same filter shares one loader, whatever the number of projects.
   */
  projectTickets: (table: TicketTable, filter: readonly Condition[]) => DataLoader<string, Ticket[]>;
  ticketByNumber: DataLoader<string, Ticket | null>;
}

export function createTicketsContext(servicenow: ServiceNowConnector, options: TicketsOptions): TicketsContext {
  const loaders = new Map<string, DataLoader<string, Ticket[]>>();
  return {
    servicenow,
    options,
    projectTickets: (table, filter) => {
      const id = `${table}|${filter.map((c) => c.text).join('^')}`;
      let loader = loaders.get(id);
      if (!loader) {
        loader = new DataLoader((keys) => loadForProjects(servicenow, options, table, filter, keys), { maxBatchSize: PROJECTS_PER_REQUEST });
        loaders.set(id, loader);
      }
      return loader;
    },
    ticketByNumber: new DataLoader(async (numbers) => {
      const byTable = new Map<TicketTable, string[]>();
      for (const n of numbers) {
        const table = tableOfNumber(n);
        if (table) byTable.set(table, [...(byTable.get(table) ?? []), n]);
      }
      const found = new Map<string, Ticket>();
      await Promise.all(
        [...byTable].map(async ([table, list]) => {
          const page = await servicenow.listTickets(table, { query: encodedQuery().in('number', list), limit: list.length });
          for (const t of page.records) found.set(t.number, t);
        }),
      );
      return numbers.map((n) => found.get(n) ?? null);
    }),
  };
}

async function loadForProjects(
  servicenow: ServiceNowConnector,
  options: TicketsOptions,
  table: TicketTable,
  filter: readonly Condition[],
  projectKeys: readonly string[],
): Promise<Ticket[][]> {
  const query = encodedQuery();
  for (const c of filter) query.and(c);
  query.anyOf(linkConditions(projectKeys)).orderBy('opened_at', 'desc').orderBy('number');
  const { records } = await servicenow.listAllTickets(table, query, { maxRows: options.maxRowsPerBatch });
  const grouped = new Map<string, Ticket[]>(projectKeys.map((k) => [k, []]));
  for (const ticket of records) {
    const key = linkedProject(ticket.correlationId, projectKeys);
    if (key) grouped.get(key)!.push(ticket);
  }
  return projectKeys.map((k) => grouped.get(k)!);
}

const PREFIXES: ReadonlyArray<readonly [string, TicketTable]> = [['INC', 'incident'], ['CHG', 'change_request'], ['RITM', 'sc_req_item'], ['PRB', 'problem']];

export function tableOfNumber(number: string): TicketTable | null {
  return PREFIXES.find(([prefix]) => number.startsWith(prefix))?.[1] ?? null;
}

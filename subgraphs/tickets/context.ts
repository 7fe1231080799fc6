import DataLoader from 'dataloader';
import type { ServiceNowConnector } from '../../connectors/servicenow/connector';
import type { Ticket, TicketTable } from '../../connectors/servicenow/models';
import { condition, encodedQuery, type Condition } from '../../connectors/servicenow/query';
import { DEFAULT_PROJECT_LINK, type ProjectLinkRule } from './config';
import { DEFAULT_HEALTH_RULES, type HealthRule } from './health/health-rules';
import { KEYS_PER_REQUEST, ProjectLink } from './project-link';
import { statsLoader, type PartialStats, type StatsGroup } from './project/ticket-stats';
import { ANONYMOUS_DEMO_CALLER, type Caller } from '../common/caller';

export interface TicketsOptions {
  /** Safety cap on rows read for one batch of projects or people (a runaway filter must not pull a whole table). */
  maxRowsPerBatch: number;
  projectLink?: ProjectLinkRule;
  healthRules?: readonly HealthRule[];
  /** The clock ticketStats' windows (next 14 days, last 30 days) are measured from; by default the real one, to the minute. */
  now?: () => Date;
}

export interface TicketsContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
  servicenow: ServiceNowConnector;
  options: Required<TicketsOptions>;
  link: ProjectLink;
  /**
   * Tickets of many projects from one request per table and filter: every Project.incidents(filter) in an
   * operation with the same filter shares one loader, whatever the number of projects.
   */
  projectTickets: (table: TicketTable, filter: readonly Condition[]) => DataLoader<string, Ticket[]>;
  /** Tickets assigned to many people (by lower-cased email), likewise one request per table and filter. */
  assignedTickets: (table: TicketTable, filter: readonly Condition[]) => DataLoader<string, Ticket[]>;
  /** One Aggregate API request per statistics group for a batch of projects. */
  projectStats: (group: StatsGroup) => DataLoader<string, PartialStats>;
  ticketByNumber: DataLoader<string, Ticket | null>;
}

/**
 * Time windows ("changes in the next 14 days", "failed in the last 30 days") are measured from the current
 * minute, not the current millisecond: the same window is then the same ServiceNow query, so one cached answer
 * serves a minute of requests instead of none (a window edge a minute late is well inside the tickets TTL).
 */
const WINDOW_RESOLUTION_MS = 60_000;

export function createTicketsContext(servicenow: ServiceNowConnector, settings: TicketsOptions, caller: Caller = ANONYMOUS_DEMO_CALLER): TicketsContext {
  const options: Required<TicketsOptions> = {
    projectLink: DEFAULT_PROJECT_LINK,
    healthRules: DEFAULT_HEALTH_RULES,
    now: () => new Date(Math.floor(Date.now() / WINDOW_RESOLUTION_MS) * WINDOW_RESOLUTION_MS),
    ...settings,
  };
  const link = new ProjectLink(options.projectLink);
  const loaders = new Map<string, DataLoader<string, never>>();
  // One loader per kind, table and filter, created on first use in this request.
  const memo = <V>(id: string, create: () => DataLoader<string, V>): DataLoader<string, V> => {
    let loader = loaders.get(id) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = create();
      loaders.set(id, loader as DataLoader<string, never>);
    }
    return loader;
  };
  const filterId = (filter: readonly Condition[]) => filter.map((c) => c.text).join('^');
  return {
    caller,
    servicenow,
    options,
    link,
    projectTickets: (table, filter) =>
      memo(`project|${table}|${filterId(filter)}`, () =>
        new DataLoader<string, Ticket[]>(
          (keys) => loadGrouped(servicenow, options, table, filter, link.conditions(keys), keys, (t) => link.projectOf(t.projectLink, keys)),
          { maxBatchSize: KEYS_PER_REQUEST },
        ),
      ),
    assignedTickets: (table, filter) =>
      memo(`person|${table}|${filterId(filter)}`, () =>
        new DataLoader<string, Ticket[]>(
          (emails) => loadGrouped(servicenow, options, table, filter, [condition.in('assigned_to.email', emails)], emails, (t) => t.assignedToEmail),
          { maxBatchSize: KEYS_PER_REQUEST },
        ),
      ),
    projectStats: (group) => memo(`stats|${group}`, () => statsLoader(servicenow, link, group, options.now)),
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

/** Newest first, then by number: the order of every ticket list. */
export const TICKET_ORDER = (query: ReturnType<typeof encodedQuery>) => query.orderBy('opened_at', 'desc').orderBy('number');

/** Every ticket matching `filter` and any of `keyConditions`, grouped by the key `keyOf` finds in it. */
async function loadGrouped(
  servicenow: ServiceNowConnector,
  options: Required<TicketsOptions>,
  table: TicketTable,
  filter: readonly Condition[],
  keyConditions: Condition[],
  keys: readonly string[],
  keyOf: (ticket: Ticket) => string | null,
): Promise<Ticket[][]> {
  const query = encodedQuery();
  for (const c of filter) query.and(c);
  TICKET_ORDER(query.anyOf(keyConditions));
  const { records } = await servicenow.listAllTickets(table, query, { maxRows: options.maxRowsPerBatch });
  const grouped = new Map<string, Ticket[]>(keys.map((k) => [k, []]));
  for (const ticket of records) {
    const key = keyOf(ticket);
    if (key !== null) grouped.get(key)?.push(ticket);
  }
  return keys.map((k) => grouped.get(k)!);
}

const PREFIXES: ReadonlyArray<readonly [string, TicketTable]> = [['INC', 'incident'], ['CHG', 'change_request'], ['RITM', 'sc_req_item'], ['PRB', 'problem']];

export function tableOfNumber(number: string): TicketTable | null {
  return PREFIXES.find(([prefix]) => number.startsWith(prefix))?.[1] ?? null;
}

import type { ServiceNowConnector } from '../../../connectors/servicenow/connector';
import type { Ticket, TicketTable } from '../../../connectors/servicenow/models';
import { condition, encodedQuery } from '../../../connectors/servicenow/query';
import type { TicketsContext } from '../context';
import { evaluateHealth, metricsOf, type TicketStatsValues } from '../health/health-rules';
import { GROUP_OF, groupQuery, metricsOfGroup, type PartialStats } from '../project/ticket-stats';
import { openStateCodes } from '../ticket/ticket.enums';
import type { ProjectLink } from '../project-link';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,254}$/;

/** The project key a link value names (`SOC` or, when issue keys link, `SOC-42`); null when it names none. */
export function projectKeyOfLink(link: ProjectLink, value: string | null | undefined): string | null {
  if (!value) return null;
  const upper = value.trim().toUpperCase();
  const key = link.rule.match === 'key-or-issue' ? upper.replace(/-\d+$/, '') : upper;
  return PROJECT_KEY.test(key) ? key : null;
}

/**
 * Operational health of every project any ticket links to, from the Aggregate API grouped by the link field over
 * the whole instance: one request per statistics group the rules read, however many projects. Projects with no
 * counted tickets are absent (GREEN).
 */
export async function portfolioOperations(ctx: TicketsContext): Promise<Map<string, { rag: string; reasons: string[]; stats: PartialStats }>> {
  const { servicenow, link, options } = ctx;
  const linkField = link.rule.field;
  const groups = [...new Set(metricsOf(options.healthRules).map((m) => GROUP_OF[m]))];
  const stats = new Map<string, PartialStats>();
  await Promise.all(
    groups.map(async (group) => {
      const spec = groupQuery(group, options.now());
      const query = encodedQuery();
      for (const c of spec.conditions) query.and(c);
      query.and(condition.isNotEmpty(linkField));
      const counts = await servicenow.countTickets(spec.table, query, spec.by ? `${linkField},${spec.by}` : linkField);
      for (const { group: values, count } of counts) {
        const key = projectKeyOfLink(link, values[linkField]);
        if (!key) continue;
        if (!stats.has(key)) stats.set(key, {});
        const entry = stats.get(key)!;
        for (const m of metricsOfGroup(group)) entry[m] ??= 0;
        spec.add(entry, count, spec.by ? values[spec.by] : undefined);
      }
    }),
  );
  const result = new Map<string, { rag: string; reasons: string[]; stats: PartialStats }>();
  for (const [key, s] of stats) {
    const full = Object.fromEntries(metricsOf(options.healthRules).map((m) => [m, s[m] ?? 0])) as TicketStatsValues;
    const verdict = evaluateHealth(options.healthRules, full);
    result.set(key, { ...verdict, stats: s });
  }
  return result;
}

/** Open P1 incidents linked to any project: one Table API read (capped like every batch). */
export async function openP1Incidents(ctx: TicketsContext): Promise<Ticket[]> {
  const query = encodedQuery()
    .in('state', openStateCodes('incident'))
    .where('priority', '=', '1')
    .and(condition.isNotEmpty(ctx.link.rule.field))
    .orderBy('opened_at', 'desc')
    .orderBy('number');
  const { records } = await ctx.servicenow.listAllTickets('incident', query, { maxRows: ctx.options.maxRowsPerBatch });
  return records;
}

const LINKED_TABLES: readonly TicketTable[] = ['incident', 'change_request', 'sc_req_item', 'problem'];

/** Every project key any ticket links to: one Aggregate API request per table. */
export async function linkedProjectKeys(servicenow: ServiceNowConnector, link: ProjectLink): Promise<string[]> {
  const field = link.rule.field;
  const counts = await Promise.all(LINKED_TABLES.map((table) => servicenow.countTickets(table, encodedQuery().and(condition.isNotEmpty(field)), field)));
  const keys = new Set<string>();
  for (const rows of counts) for (const { group } of rows) {
    const key = projectKeyOfLink(link, group[field]);
    if (key) keys.add(key);
  }
  return [...keys].sort();
}

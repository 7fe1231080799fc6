import { buildSchema, type GraphQLSchema } from 'graphql';
import { simulatorConfig, subgraphSettings, type UpstreamName } from '../../bin/stack';
import { loadHttpSettings } from '../../connectors/config';
import type { UpstreamConfig } from '../../connectors/http/config';
import { HttpRuntime } from '../../connectors/http/runtime';
import { JiraClient } from '../../connectors/jira';
import { ScimClient } from '../../connectors/scim';
import { ServiceNowClient } from '../../connectors/servicenow';
import { offsetAfter, offsetConnection, pageSize, sliceConnection } from '../../subgraphs/common/pagination';
import { personKey } from '../../subgraphs/common/person-ref';
import { createPeopleSubgraph } from '../../subgraphs/people';
import type { PeopleContext } from '../../subgraphs/people/context';
import { toPerson, unknownPerson } from '../../subgraphs/people/person/person.type';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import type { ProjectsContext } from '../../subgraphs/projects/context';
import { teamOf } from '../../subgraphs/projects/project/project.resolver';
import { toProject, type Project } from '../../subgraphs/projects/project/project.type';
import { createTicketsSubgraph } from '../../subgraphs/tickets';
import type { TicketsContext } from '../../subgraphs/tickets/context';
import { filterConditions } from '../../subgraphs/tickets/ticket/ticket.filter';
import { toTicket } from '../../subgraphs/tickets/ticket/ticket.type';
import { ANONYMOUS_DEMO_CALLER } from '../../subgraphs/common/caller';

/** The benchmark runs as the demo's anonymous caller (AUTH_MODE=off). */
const DEMO = { caller: ANONYMOUS_DEMO_CALLER };

/**
 * The limit for the throughput benchmark: the portfolio operation's data from ONE GraphQL schema, no federation
 * (no query planning, no subgraph hops, no entity representations). It reuses what the subgraphs use — the same
 * connectors, the same per-request DataLoaders and the same mappings — so the difference to the gateway is the
 * federation tax alone. It serves only the fields the portfolio operation selects.
 */

const SDL = `
type Query { projects(first: Int, after: String): ProjectConnection! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type ProjectConnection { totalCount: Int! pageInfo: PageInfo! edges: [ProjectEdge!]! }
type ProjectEdge { cursor: String! node: Project! }
enum Phase { INITIATING PLANNING EXECUTING CLOSING CLOSED }
type Project {
  key: String! name: String! phase: Phase priority: Int plannedEnd: String
  lead: Person team: [TeamMember!]!
  incidents(first: Int, after: String, filter: TicketFilter): IncidentConnection
}
type Person { email: String! displayName: String title: String department: String }
type TeamMember { person: Person! role: String! allocation: Int }
enum TicketState { NEW IN_PROGRESS ON_HOLD RESOLVED CLOSED CANCELED }
enum TicketPriority { CRITICAL HIGH MODERATE LOW PLANNING UNKNOWN }
input TicketFilter { state: [TicketState!] priority: [TicketPriority!] active: Boolean }
type IncidentConnection { totalCount: Int! edges: [IncidentEdge!]! }
type IncidentEdge { node: Incident! }
type Incident { number: String! state: TicketState! priority: TicketPriority! shortDescription: String! openedAt: String }
`;

export interface MonolithContext {
  projects: ProjectsContext;
  people: PeopleContext;
  tickets: TicketsContext;
}

export interface Monolith {
  schema: GraphQLSchema;
  context: () => MonolithContext;
}

/** Connectors and loaders wired the way bin/stack.ts wires the subgraphs', so the HTTP policy and cache are alike. */
export async function createMonolith(simulatorUrls: Record<UpstreamName, string>, env: NodeJS.ProcessEnv = process.env): Promise<Monolith> {
  const httpSettings = loadHttpSettings(env);
  const runtime = new HttpRuntime({ cache: httpSettings.cacheStore });
  const upstream = (name: UpstreamName): UpstreamConfig => ({
    ...simulatorConfig(name, simulatorUrls[name]),
    timeoutMs: httpSettings.timeoutMs[name],
    resilience: httpSettings.policies[name],
    runtime,
  });
  const settings = subgraphSettings(env, true);
  const projects = await createProjectsSubgraph(new JiraClient(upstream('jira')), settings.projects);
  const people = await createPeopleSubgraph(new ScimClient(upstream('scim')), settings.people);
  const tickets = await createTicketsSubgraph(new ServiceNowClient(upstream('servicenow'), { projectLinkField: settings.tickets.projectLink.field }), {
    ...settings.tickets,
    maxRowsPerBatch: settings.maxTicketRowsPerBatch,
  });

  const schema = buildSchema(SDL);
  const person = async (email: string | null, ctx: MonolithContext) => {
    if (!email) return null;
    const user = await ctx.people.loaders.byEmail.load(email);
    return user ? toPerson(user) : unknownPerson(email);
  };
  const resolvers: Record<string, Record<string, (root: never, args: never, ctx: MonolithContext) => unknown>> = {
    Query: {
      projects: async (_root, args: { first?: number; after?: string }, ctx) => {
        const size = pageSize(args.first);
        const offset = offsetAfter(args.after);
        // As the projects subgraph does: the whole portfolio from its loader, then the page.
        const portfolio = await ctx.projects.loaders.portfolio();
        return offsetConnection(portfolio.slice(offset, offset + size).map(toProject), offset, portfolio.length);
      },
    },
    Project: {
      lead: (project: Project, _args, ctx) => person(personKey(project.source.lead?.email), ctx),
      team: (project: Project, _args, ctx) => teamOf(project.source).map((m) => ({ role: m.role, allocation: m.allocation, person: person(m.email, ctx) })),
      incidents: async (project: Project, args: { first?: number; after?: string; filter?: never }, ctx) => {
        const rows = await ctx.tickets.projectTickets('incident', filterConditions('incident', args.filter)).load(project.key);
        return sliceConnection(rows.map(toTicket), args.first, args.after);
      },
    },
  };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName) as ReturnType<GraphQLSchema['getQueryType']>;
    for (const [fieldName, resolve] of Object.entries(fields)) type!.getFields()[fieldName].resolve = resolve as never;
  }
  return {
    schema,
    context: () => ({ projects: projects.context(DEMO), people: people.context(DEMO), tickets: tickets.context(DEMO) }) as MonolithContext,
  };
}

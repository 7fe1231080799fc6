import type { UpstreamName } from '../bin/stack';

/**
 * The named dashboard operations every part of the suite measures, each with its lower bounds: the number of
 * dependent request levels it needs per upstream (requests that cannot be issued before another upstream answer
 * arrives), and the critical path (the longest chain of such levels across upstreams). Write them against fields
 * that exist in supergraph.graphql; when the schema grows, add fields here and revise the bounds beside them.
 */

export interface NamedOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Dependent request levels per upstream: the fewest sequential requests a perfect implementation sends each. */
  levels: Record<UpstreamName, number>;
  /** Sequential upstream levels on the longest path: latency bound = criticalPath × simulator latency. */
  criticalPath: number;
  /** Why those are the bounds. */
  bound: string;
}

export const PORTFOLIO_QUERY = `query PortfolioPage($first: Int!, $after: String) {
  projects(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      key name phase priority plannedEnd
      lead { displayName title department }
      team { role allocation person { displayName title } }
      incidents(first: 3, filter: { state: [NEW, IN_PROGRESS, ON_HOLD] }) {
        totalCount
        edges { node { number state priority shortDescription openedAt } }
      }
    } }
  }
}`;

export const EXPORT_PAGE_QUERY = `query IssueExportPage($key: String!, $first: Int!, $after: String) {
  project(key: $key) {
    issues(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node {
        key summary type status statusCategory priority dueDate created updated resolved storyPoints labels
        assignee { email displayName department }
      } }
    }
  }
}`;

/** The README's portfolio page, word for word (operations/readme.graphql): every health signal of every project. */
export const README_PORTFOLIO_QUERY = `query PortfolioPage($first: Int = 25, $after: String) {
  projects(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id key name phase priority plannedEnd
        lead { id displayName title department }
        latestStatus { id overall statusDate summary }
        statusFreshness { daysSinceLastReport stale }
        deliveryHealth { overall schedule scope reasons }
        operationalHealth { rag reasons }
        issueStats { open blocked overdue byStatusCategory { toDo inProgress done } }
        ticketStats { openIncidents p1Open p2Open changesNext14Days failedChangesLast30Days openProblems }
        incidents(first: 3, filter: { state: [NEW, IN_PROGRESS, ON_HOLD] }) {
          totalCount
          edges { node { id number state priority shortDescription assignedTo { id displayName } } }
        }
      }
    }
  }
}`;

export const OPERATIONS: readonly NamedOperation[] = [
  {
    name: 'portfolio page',
    query: PORTFOLIO_QUERY,
    variables: { first: 25 },
    levels: { jira: 1, servicenow: 1, scim: 1 },
    criticalPath: 2,
    bound: 'Jira project/search (PMO profile in the same request) → in parallel: the leads and teams from SCIM, the incidents of all projects from ServiceNow',
  },
  {
    name: 'project detail',
    query: `query ProjectDetail($key: String!) {
      project(key: $key) {
        name phase
        milestones { name releaseDate released overdue }
        issues(first: 50) { totalCount edges { node { key status statusCategory assignee { displayName } } } }
        changes(first: 5) { edges { node { number state type risk plannedStart } } }
        team { role person { displayName title manager { displayName } } }
      }
    }`,
    variables: { key: 'IAM' },
    levels: { jira: 1, servicenow: 1, scim: 2 },
    criticalPath: 3,
    bound: 'the key is given, so the project, its versions, its issue page and count (Jira) and its changes (ServiceNow) can all go at once; team and assignees (SCIM) need Jira\'s answer; managers need the team\'s SCIM records',
  },
  {
    name: 'department staffing',
    query: `query DepartmentStaffing($department: String!) {
      people(department: $department, first: 50) {
        totalCount
        edges { node { displayName title manager { displayName } projects { role project { key name phase } } } }
      }
    }`,
    variables: { department: 'Information Security' },
    levels: { jira: 1, servicenow: 0, scim: 2 },
    criticalPath: 2,
    bound: 'SCIM users of the department → their managers (SCIM) and, in parallel, the portfolio with its staffing (one Jira project/search)',
  },
  {
    name: 'BI issue export page',
    query: EXPORT_PAGE_QUERY,
    variables: { key: 'IAM', first: 100 },
    levels: { jira: 1, servicenow: 0, scim: 1 },
    criticalPath: 2,
    bound: 'one Jira search page (100 issues, Jira\'s page cap) → the assignees in one SCIM request',
  },
  {
    name: 'README portfolio page',
    query: README_PORTFOLIO_QUERY,
    variables: { first: 25 },
    levels: { jira: 2, servicenow: 1, scim: 2 },
    criticalPath: 3,
    bound:
      'Jira project/search (profiles in it) → in parallel: the page\'s issue counts, overdue/blocked work and status reports (Jira searches, one wave however many pages), its tickets and ticket stats (ServiceNow), its leads (SCIM) → the incidents\' assignees (SCIM, known only from ServiceNow\'s answer)',
  },
];

export const PORTFOLIO = OPERATIONS[0];

import type { Route, SimRequest } from '../common/server';
import type { DemoProject } from '../data/dataset';
import { jiraError, projectNotFound } from './errors';
import { intParam, listParam, pageBean, pageLink } from './params';
import { JiraRenderer, type ProjectExpansions } from './render';
import type { JiraStore } from './store';

const DEFAULT_MAX_RESULTS = 50;
/** "Must be less than or equal to 100. If a value greater than 100 is provided, maxResults will default to 100." */
const MAX_RESULTS = 100;
const MAX_KEYS = 50;

type Order = (a: DemoProject, b: DemoProject) => number;

function expansions(req: SimRequest): ProjectExpansions {
  const expand = new Set(listParam(req.query, 'expand'));
  return {
    description: expand.has('description'),
    lead: expand.has('lead'),
    url: expand.has('url'),
    projectKeys: expand.has('projectKeys'),
    issueTypes: expand.has('issueTypes'),
    insight: expand.has('insight'),
  };
}

/** The requested property keys, or undefined when `properties` was not asked for (then no `properties` object). */
function requestedProperties(req: SimRequest): string[] | undefined {
  return req.query.has('properties') ? listParam(req.query, 'properties') : undefined;
}

export function projectRoutes(store: JiraStore): Route[] {
  const person = (p: DemoProject) => store.person(p.leadId)?.displayName ?? '';
  const text = (pick: (p: DemoProject) => string): Order => (a, b) => pick(a).localeCompare(pick(b));
  const orders: Record<string, Order> = {
    key: text((p) => p.key),
    name: text((p) => p.name),
    category: text((p) => p.category),
    owner: text(person),
    issueCount: (a, b) => store.insight(a.key).totalIssueCount - store.insight(b.key).totalIssueCount,
    lastIssueUpdatedDate: text((p) => store.insight(p.key).lastIssueUpdateTime ?? ''),
  };

  return [
    {
      method: 'GET',
      pattern: '/rest/api/3/project/search',
      handler: (req) => {
        const startAt = intParam(req.query.get('startAt'), 0);
        const requestedMax = intParam(req.query.get('maxResults'), DEFAULT_MAX_RESULTS);
        if (startAt === null || requestedMax === null) return jiraError(400, 'startAt and maxResults must be non-negative integers.');
        const maxResults = Math.min(requestedMax, MAX_RESULTS);
        const keys = listParam(req.query, 'keys').map((k) => k.toUpperCase());
        const ids = listParam(req.query, 'id');
        if (keys.length > MAX_KEYS || ids.length > MAX_KEYS) return jiraError(400, `Up to ${MAX_KEYS} project keys or ids can be provided.`);
        const orderBy = req.query.get('orderBy') ?? 'key';
        const order = orders[orderBy.replace(/^[+-]/, '')];
        if (!order) return jiraError(400, `The orderBy value '${orderBy}' is not supported.`);
        const text = req.query.get('query')?.toLowerCase();
        const categoryId = req.query.get('categoryId');

        const matching = store.projects
          .filter((p) => !keys.length || keys.includes(p.key.toUpperCase()))
          .filter((p) => !ids.length || ids.includes(p.id))
          .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
          .filter((p) => !categoryId || p.categoryId === categoryId)
          .sort((a, b) => (orderBy.startsWith('-') ? -1 : 1) * order(a, b) || a.key.localeCompare(b.key));
        // The spec documents 404 rather than an empty page when nothing matches the criteria.
        if (!matching.length) return jiraError(404, 'No projects matching the search criteria were found.');

        const render = new JiraRenderer(store, req.baseUrl);
        const expand = expansions(req);
        const properties = requestedProperties(req);
        return pageBean(req, matching, startAt, maxResults, (p) => render.project(p, expand, properties));
      },
    },
    {
      method: 'GET',
      pattern: '/rest/api/3/project/:idOrKey',
      handler: (req) => {
        const project = store.project(req.params.idOrKey);
        if (!project) return projectNotFound(req.params.idOrKey);
        const render = new JiraRenderer(store, req.baseUrl);
        return { status: 200, body: render.projectDetail(project, expansions(req), requestedProperties(req)) };
      },
    },
    {
      // PageBeanVersion; `expand=issuesstatus` adds each version's issue counts by status category.
      method: 'GET',
      pattern: '/rest/api/3/project/:idOrKey/version',
      handler: (req) => {
        const project = store.project(req.params.idOrKey);
        if (!project) return projectNotFound(req.params.idOrKey);
        const startAt = intParam(req.query.get('startAt'), 0);
        const maxResults = intParam(req.query.get('maxResults'), DEFAULT_MAX_RESULTS);
        if (startAt === null || maxResults === null) return jiraError(400, 'startAt and maxResults must be non-negative integers.');
        const status = new Set(listParam(req.query, 'status'));
        const issuesStatus = listParam(req.query, 'expand').includes('issuesstatus');
        const query = req.query.get('query')?.toLowerCase();
        const matching = project.versions
          .filter((v) => !query || v.name.toLowerCase().includes(query) || v.description.toLowerCase().includes(query))
          .filter((v) => !status.size || (status.has('released') && v.released) || (status.has('unreleased') && !v.released) || (status.has('archived') && v.archived));
        const page = matching.slice(startAt, startAt + maxResults);
        const isLast = startAt + page.length >= matching.length;
        const render = new JiraRenderer(store, req.baseUrl);
        return {
          status: 200,
          body: {
            self: pageLink(req, startAt, maxResults),
            ...(isLast ? {} : { nextPage: pageLink(req, startAt + page.length, maxResults) }),
            maxResults,
            startAt,
            total: matching.length,
            isLast,
            values: page.map((v) => ({
              ...render.version(v, project),
              ...(issuesStatus ? { issuesStatusForFixVersion: store.versionIssueCounts(v.id) } : {}),
            })),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/rest/api/3/project/:idOrKey/versions',
      handler: (req) => {
        const project = store.project(req.params.idOrKey);
        if (!project) return projectNotFound(req.params.idOrKey);
        const render = new JiraRenderer(store, req.baseUrl);
        return { status: 200, body: project.versions.map((v) => render.version(v, project)) };
      },
    },
  ];
}

/**
 * Data Center's `GET /rest/api/2/project`: every visible project in one unpaged array, `expand` honoured,
 * no `properties` (a profile is read per project through the property endpoints).
 */
export function dataCenterProjectRoutes(store: JiraStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/rest/api/2/project',
      handler: (req) => {
        const render = new JiraRenderer(store, req.baseUrl);
        const expand = expansions(req);
        return { status: 200, body: store.projects.map((p) => render.project(p, expand)) };
      },
    },
  ];
}

import { timingSafeEqual } from 'node:crypto';
import type { Route, SimRequest, SimResponse, SimulatorDefinition } from '../common/server';
import { WebhookSender } from '../common/webhooks';
import { SIMULATOR_CREDENTIALS } from '../credentials';
import type { Dataset } from '../data/dataset';
import { UNAUTHENTICATED_MESSAGE, jiraError } from './errors';
import { editRoutes, JiraEvents } from './edits';
import { fieldRoutes } from './fields';
import { issueRoutes } from './issues';
import { dataCenterProjectRoutes, projectRoutes } from './projects';
import { propertyRoutes } from './properties';
import { roleRoutes } from './roles';
import { dataCenterSearchRoutes, searchRoutes } from './search';
import { JiraStore, type JiraDeployment } from './store';
import { dataCenterUserRoutes, userRoutes } from './users';

export type { JiraDeployment } from './store';

export interface JiraCredentials {
  email: string;
  apiToken: string;
  pat: string;
}

const same = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** Cloud endpoints Data Center does not have: a Data Center site answers 404 there. */
const CLOUD_ONLY = new Set([
  '/rest/api/3/search/jql',
  '/rest/api/3/search/approximate-count',
  '/rest/api/3/search',
  '/rest/api/2/search',
  '/rest/api/3/project/search',
  '/rest/api/3/user',
  '/rest/api/3/user/bulk',
]);

/**
 * A Jira simulator over the demo data set.
 * - `cloud` (default): Jira Cloud REST v3. It accepts what a real site accepts: Cloud basic auth
 *   (`email:apiToken`) or a personal access token as a Bearer token.
 * - `datacenter`: Jira Data Center, REST v2 only (`/rest/api/3/...` is 404): `/search` with startAt/total and
 *   its 10,000-result window, `GET /project` unpaged, users by username/key, wiki-text descriptions, and
 *   Bearer PAT auth only.
 */
export function jiraSimulator(
  dataset: Dataset,
  credentials: JiraCredentials = SIMULATOR_CREDENTIALS.jira,
  options: { pmoProjectKey?: string; deployment?: JiraDeployment } = {},
): SimulatorDefinition {
  const deployment = options.deployment ?? 'cloud';
  // Besides the data set's projects it holds a PMO project, with the data set's status reports filed in it.
  const store = new JiraStore(dataset, options);
  const webhooks = new WebhookSender('jira');
  const events = new JiraEvents(store, webhooks);

  const authorize = (req: SimRequest): SimResponse | null => {
    const header = req.headers.authorization ?? '';
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (deployment === 'cloud' && /^basic$/i.test(scheme) && same(Buffer.from(value, 'base64').toString('utf8'), `${credentials.email}:${credentials.apiToken}`)) {
      return null;
    }
    if (/^bearer$/i.test(scheme) && same(value, credentials.pat)) return null;
    return jiraError(401, UNAUTHENTICATED_MESSAGE);
  };

  const shared = [
    ...projectRoutes(store),
    ...propertyRoutes(store, events),
    ...roleRoutes(store),
    ...searchRoutes(store),
    ...issueRoutes(store, events),
    ...editRoutes(store, events),
    ...userRoutes(store),
    ...fieldRoutes(deployment),
  ];
  const routes: Route[] =
    deployment === 'cloud'
      ? shared
      : [
          ...dataCenterProjectRoutes(store),
          ...dataCenterSearchRoutes(store),
          ...dataCenterUserRoutes(store),
          ...shared
            .filter((route) => !CLOUD_ONLY.has(route.pattern))
            .map((route) => ({ ...route, pattern: route.pattern.replace(/^\/rest\/api\/3\//, '/rest/api/2/') })),
        ];

  return {
    name: 'jira',
    routes,
    authorize,
    errorBody: (status, message) => jiraError(status, message),
    webhooks,
  };
}

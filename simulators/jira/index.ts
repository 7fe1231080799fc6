import { timingSafeEqual } from 'node:crypto';
import type { SimRequest, SimResponse, SimulatorDefinition } from '../common/server';
import { SIMULATOR_CREDENTIALS } from '../credentials';
import type { Dataset } from '../data/dataset';
import { UNAUTHENTICATED_MESSAGE, jiraError } from './errors';
import { fieldRoutes } from './fields';
import { issueRoutes } from './issues';
import { projectRoutes } from './projects';
import { propertyRoutes } from './properties';
import { roleRoutes } from './roles';
import { searchRoutes } from './search';
import { JiraStore } from './store';
import { userRoutes } from './users';

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

/**
 * A Jira Cloud (REST v3) simulator over the demo data set. It accepts what a real site accepts: Cloud basic
 * auth (`email:apiToken`) or a Data Center style personal access token as a Bearer token.
 */
export function jiraSimulator(
  dataset: Dataset,
  credentials: JiraCredentials = SIMULATOR_CREDENTIALS.jira,
  options: { pmoProjectKey?: string } = {},
): SimulatorDefinition {
  // Besides the data set's projects it holds a PMO project, with the data set's status reports filed in it.
  const store = new JiraStore(dataset, options);

  const authorize = (req: SimRequest): SimResponse | null => {
    const header = req.headers.authorization ?? '';
    const [scheme, value = ''] = header.split(/\s+/, 2);
    if (/^basic$/i.test(scheme) && same(Buffer.from(value, 'base64').toString('utf8'), `${credentials.email}:${credentials.apiToken}`)) return null;
    if (/^bearer$/i.test(scheme) && same(value, credentials.pat)) return null;
    return jiraError(401, UNAUTHENTICATED_MESSAGE);
  };

  return {
    name: 'jira',
    routes: [
      ...projectRoutes(store),
      ...propertyRoutes(store),
      ...roleRoutes(store),
      ...searchRoutes(store),
      ...issueRoutes(store),
      ...userRoutes(store),
      ...fieldRoutes(),
    ],
    authorize,
    errorBody: (status, message) => jiraError(status, message),
  };
}

import type { Route } from '../common/server';
import type { DemoPerson } from '../data/dataset';
import { jiraError } from './errors';
import { intParam, pageBean } from './params';
import { JiraRenderer } from './render';
import type { JiraStore } from './store';

const BULK_DEFAULT_MAX_RESULTS = 10;
/** The spec gives no maximum; its example page reports maxResults 100, so the simulator caps there. */
const BULK_MAX_RESULTS = 100;

export function userRoutes(store: JiraStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/rest/api/3/user',
      handler: (req) => {
        const accountId = req.query.get('accountId');
        if (!accountId) return jiraError(400, 'The accountId query parameter needs to be provided.');
        const person = store.personByAccount(accountId);
        if (!person) return jiraError(404, 'Specified user does not exist or you do not have required permissions');
        return {
          status: 200,
          body: {
            ...new JiraRenderer(store, req.baseUrl).user(person),
            key: '',
            name: '',
            locale: 'en_US',
            groups: { size: 0, items: [] },
            applicationRoles: { size: 1, items: [] },
            expand: 'groups,applicationRoles',
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/rest/api/3/user/bulk',
      handler: (req) => {
        const accountIds = req.query.getAll('accountId').filter(Boolean);
        if (!accountIds.length) return jiraError(400, 'The accountId query parameter needs to be provided.');
        const startAt = intParam(req.query.get('startAt'), 0);
        const requestedMax = intParam(req.query.get('maxResults'), BULK_DEFAULT_MAX_RESULTS);
        if (startAt === null || requestedMax === null) return jiraError(400, 'startAt and maxResults must be non-negative integers.');
        const maxResults = Math.min(requestedMax, BULK_MAX_RESULTS);
        // Unknown account ids are skipped silently, as on a real site.
        const found = [...new Set(accountIds)]
          .map((id) => store.personByAccount(id))
          .filter((p): p is DemoPerson => p !== undefined);
        const render = new JiraRenderer(store, req.baseUrl);
        return pageBean(req, found, startAt, maxResults, (p) => render.user(p));
      },
    },
  ];
}

/** Data Center's `GET /rest/api/2/user?username=|key=` (there are no account ids and no bulk lookup). */
export function dataCenterUserRoutes(store: JiraStore): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/rest/api/2/user',
      handler: (req) => {
        const username = req.query.get('username');
        const key = req.query.get('key');
        if (!username && !key) return jiraError(400, 'Either the username or the key query parameters need to be provided');
        const person = store.personByUserName((username ?? key)!);
        if (!person) {
          return jiraError(404, username ? `The user named '${username}' does not exist` : `The user with the key '${key}' does not exist`);
        }
        return { status: 200, body: { ...new JiraRenderer(store, req.baseUrl).user(person), locale: 'en_US', expand: 'groups,applicationRoles' } };
      },
    },
  ];
}

import type { Handler, SimRequest, SimResponse, SimulatorDefinition } from '../common/server';
import { SIMULATOR_CREDENTIALS } from '../credentials';
import type { Dataset } from '../data/dataset';
import { ScimError, scimErrorResponse } from './errors';
import { renderGroups } from './groups';
import { listQuery, listResponse, MAX_COUNT, project, projectionFrom, queryParams, type ListQuery } from './list';
import { located, SCHEMAS, SCIM_CONTENT_TYPE, type ScimResource } from './resource';
import { renderUsers } from './users';

export { MAX_COUNT } from './list';

/** Where the SCIM API is served; a client's SCIM_BASE_URL is the simulator's URL plus this. */
export const SCIM_BASE_PATH = '/scim/v2';

/**
 * A read-only SCIM 2.0 service provider (RFC 7643 / 7644) over the demo data set: /Users (GET, and POST
 * /Users/.search), /Groups (one per department) and /ServiceProviderConfig, behind a bearer token, with
 * RFC filters, paging (count capped at MAX_COUNT), sorting and attribute projection.
 */
export function scimSimulator(dataset: Dataset, credentials: { token: string } = SIMULATOR_CREDENTIALS.scim): SimulatorDefinition {
  const users = renderUsers(dataset);
  const groups = renderGroups(dataset);
  const usersById = new Map(users.map((u) => [u.id, u]));
  const groupsById = new Map(groups.map((g) => [g.id, g]));
  const scimBaseUrl = (req: SimRequest) => `${req.baseUrl}${SCIM_BASE_PATH}`;

  const ok = (body: unknown, headers?: Record<string, string>): SimResponse => ({ status: 200, body, headers, contentType: SCIM_CONTENT_TYPE });

  const list = (resources: readonly ScimResource[], req: SimRequest, query: ListQuery): SimResponse =>
    ok(listResponse(resources, query, (r) => project(located(r, scimBaseUrl(req)), query.projection)));

  const one = (byId: Map<string, ScimResource>): Handler => (req) => {
    const resource = byId.get(req.params.id);
    if (!resource) return scimErrorResponse(404, `Resource ${req.params.id} not found`);
    const body = project(located(resource, scimBaseUrl(req)), projectionFrom(queryParams(req.query)));
    return ok(body, { etag: resource.meta.version });
  };

  const search = (req: SimRequest): SimResponse => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || !((body as { schemas?: unknown }).schemas as unknown[] | undefined)?.includes(SCHEMAS.searchRequest)) {
      throw new ScimError(400, `The request body must be a SearchRequest (schemas: ["${SCHEMAS.searchRequest}"])`, 'invalidSyntax');
    }
    return list(users, req, listQuery(body as Record<string, unknown>));
  };

  const serviceProviderConfig = (req: SimRequest): SimResponse =>
    ok({
      schemas: [SCHEMAS.serviceProviderConfig],
      documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
      patch: { supported: false },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_COUNT },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        { type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authentication with a bearer token in the Authorization header', primary: true },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${scimBaseUrl(req)}/ServiceProviderConfig` },
    });

  // Handlers throw ScimError for bad requests; this renders it as the SCIM error body.
  const scim = (handler: Handler): Handler => async (req) => {
    try {
      return await handler(req);
    } catch (error) {
      if (error instanceof ScimError) return scimErrorResponse(error.status, error.detail, error.scimType);
      throw error;
    }
  };

  return {
    name: 'scim',
    routes: [
      { method: 'GET', pattern: `${SCIM_BASE_PATH}/Users`, handler: scim((req) => list(users, req, listQuery(queryParams(req.query)))) },
      { method: 'POST', pattern: `${SCIM_BASE_PATH}/Users/.search`, handler: scim(search) },
      { method: 'GET', pattern: `${SCIM_BASE_PATH}/Users/:id`, handler: scim(one(usersById)) },
      { method: 'GET', pattern: `${SCIM_BASE_PATH}/Groups`, handler: scim((req) => list(groups, req, listQuery(queryParams(req.query)))) },
      { method: 'GET', pattern: `${SCIM_BASE_PATH}/Groups/:id`, handler: scim(one(groupsById)) },
      { method: 'GET', pattern: `${SCIM_BASE_PATH}/ServiceProviderConfig`, handler: serviceProviderConfig },
    ],
    authorize: (req) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
      if (match?.[1] === credentials.token) return null;
      return scimErrorResponse(401, 'Authorization failure. The authorization header is invalid or missing.', undefined, {
        'www-authenticate': 'Bearer realm="scim"',
      });
    },
    errorBody: (status, message) => scimErrorResponse(status, message),
  };
}

import type { IncomingHttpHeaders } from 'node:http';
import type { Route, SimRequest, SimulatorDefinition } from '../common/server';
import { WebhookSender } from '../common/webhooks';
import { updateRecord } from './changes';
import { SIMULATOR_CREDENTIALS } from '../credentials';
import type { Dataset } from '../data/dataset';
import type { ServiceNowContext } from './context';
import { snowError } from './errors';
import { aggregate } from './stats';
import { getRecord, listRecords } from './table-api';
import { buildTables } from './tables';

/**
 * A ServiceNow instance serving the data set through the Table API (`/api/now/table`, `/api/now/v2/table`)
 * and the Aggregate API (`/api/now/stats`), with Basic or Bearer auth and the platform's error envelope.
 */

export interface ServiceNowCredentials {
  username: string;
  password: string;
  token: string;
}

export interface ServiceNowSimulatorOptions {
  /** The instance clock for `javascript:gs.daysAgo(…)`-style query values; the real clock by default. */
  now?: () => Date;
}

function authorized(headers: IncomingHttpHeaders, credentials: ServiceNowCredentials): boolean {
  const [scheme, value = ''] = (headers.authorization ?? '').trim().split(/\s+/, 2);
  switch (scheme?.toLowerCase()) {
    case 'basic':
      return Buffer.from(value, 'base64').toString('utf8') === `${credentials.username}:${credentials.password}`;
    case 'bearer':
      return value === credentials.token;
    default:
      return false;
  }
}

export function serviceNowSimulator(
  dataset: Dataset,
  credentials: ServiceNowCredentials = SIMULATOR_CREDENTIALS.servicenow,
  options: ServiceNowSimulatorOptions = {},
): SimulatorDefinition {
  const ctx: ServiceNowContext = { tables: buildTables(dataset), now: options.now ?? (() => new Date()) };
  const webhooks = new WebhookSender('servicenow');
  const update = (req: SimRequest) => updateRecord(ctx, req, webhooks);
  const get = (pattern: string, handle: (ctx: ServiceNowContext, req: SimRequest) => ReturnType<Route['handler']>): Route => ({
    method: 'GET',
    pattern,
    handler: (req) => handle(ctx, req),
  });
  return {
    name: 'servicenow',
    routes: [
      ...['/api/now/table', '/api/now/v2/table'].flatMap((base) => [
        get(`${base}/:table`, listRecords),
        get(`${base}/:table/:sys_id`, getRecord),
        { method: 'PATCH' as const, pattern: `${base}/:table/:sys_id`, handler: update },
        { method: 'PUT' as const, pattern: `${base}/:table/:sys_id`, handler: update },
      ]),
      get('/api/now/stats/:table', aggregate),
    ],
    authorize: (req) =>
      authorized(req.headers, credentials) ? null : snowError(401, 'User Not Authenticated', 'Required to provide Auth information'),
    errorBody: (status, message) => snowError(status, message),
    webhooks,
  };
}

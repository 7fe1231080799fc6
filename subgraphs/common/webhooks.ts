import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { LRUCache } from 'lru-cache';
import { systemClock, type Clock } from '../../connectors/http/clock';
import type { HttpRuntime } from '../../connectors/http/runtime';
import { classTag, JIRA_VERSION_CHANGE, jiraIssueChange, jiraProjectChange, projectOfIssueKey, serviceNowTableChange } from '../../connectors/http/scope';

/**
 * Change events from the upstreams, turned into cache invalidation: Jira webhooks at `/webhooks/jira` and
 * ServiceNow outbound REST messages (a business rule posting the record) at `/webhooks/servicenow`.
 *
 * Served by the subgraph that owns the upstream (projects for Jira, tickets for ServiceNow), next to its
 * `/graphql`, so it works the same when subgraphs run as separate processes; the gateway forwards the two
 * paths. An accepted event evicts exactly the cached reads it changes (connectors/http/scope.ts: an issue
 * event the searches of its projects and the cross-project ones, a ticket event the reads of its table), for
 * every identity; with Redis the new generations go to the store and are published, so every replica drops
 * its entries too.
 *
 * Refusals: 401 for a missing or wrong signature or a timestamp outside the window, 409 for an event id
 * already seen within the window (a replay), 400 for a body that is not a JSON event. Unknown event types are
 * accepted (202) and evict nothing.
 */

/** How far an event's timestamp may be from now, and how long its id is remembered. */
const REPLAY_WINDOW_MS = 5 * 60_000;
const MAX_BODY = '1mb';

export interface WebhookSource {
  /** The HMAC-SHA256 secret shared with the upstream (Jira's webhook secret; ours for ServiceNow). */
  secret: string;
  runtime: HttpRuntime;
  /** The upstream name the connector's HttpClient uses (`jira`, `servicenow`). */
  upstream?: string;
}

export interface WebhookRoutesOptions {
  jira?: WebhookSource;
  servicenow?: WebhookSource;
  clock?: Clock;
}

/** What a verified event means for the cache: the tags (scope.ts) whose cached reads it makes stale. */
interface Verified {
  id: string;
  timestampMs: number;
  tags: readonly string[];
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The projects an issue event touches: the issue's own, those of the issues it links to and of its parent and
 * sub-tasks (their embedded status changes), and the old key of a moved issue (changelog `Key`).
 */
function issueEventProjects(event: Json): string[] {
  const issue = object(event.issue);
  const fields = object(issue?.fields);
  const keys: Array<string | undefined> = [text(issue?.key), text(object(fields?.parent)?.key)];
  const project = text(object(fields?.project)?.key);
  for (const link of Array.isArray(fields?.issuelinks) ? fields.issuelinks : []) {
    keys.push(text(object(object(link)?.inwardIssue)?.key), text(object(object(link)?.outwardIssue)?.key));
  }
  for (const subtask of Array.isArray(fields?.subtasks) ? fields.subtasks : []) keys.push(text(object(subtask)?.key));
  for (const item of Array.isArray(object(event.changelog)?.items) ? (object(event.changelog)!.items as unknown[]) : []) {
    if (text(object(item)?.field)?.toLowerCase() === 'key') keys.push(text(object(item)?.fromString), text(object(item)?.toString));
  }
  const projects = keys.map((k) => (k ? projectOfIssueKey(k) : undefined)).filter((p): p is string => Boolean(p));
  return [...new Set([...(project ? [project.toUpperCase()] : []), ...projects])];
}

/** Jira event names (`webhookEvent`) with their payload, and the tags of the cached reads they make stale. */
export function jiraEventTags(name: string, event: Json = {}): readonly string[] {
  if (/^jira:issue_(created|updated|deleted)$/.test(name) || /^issue_property_(set|deleted)$/.test(name)) {
    const projects = issueEventProjects(event);
    return projects.length ? jiraIssueChange(projects) : [classTag('issues'), ...JIRA_VERSION_CHANGE];
  }
  // A version event names its project by id only: every project's versions go (a few small reads).
  if (/^jira:version_(created|updated|released|unreleased|deleted|moved|merged)$/.test(name)) return JIRA_VERSION_CHANGE;
  if (/^project_(created|updated|deleted|soft_deleted|restored_deleted|archived|restored_archived)$/.test(name)) {
    const key = text(object(event.project)?.key);
    if (!key) return [classTag('projects')];
    // A project that goes or comes back takes its issues with it.
    return /^project_updated$/.test(name) ? jiraProjectChange(key) : [...jiraProjectChange(key), ...jiraIssueChange([key])];
  }
  // Issue links name issues by id only; blocked-work counts read them.
  if (/^issuelink_(created|deleted)$/.test(name)) return [classTag('issues')];
  return [];
}

/** ServiceNow tables the business rule posts, all of them tickets. */
const SERVICENOW_TABLES = new Set(['incident', 'change_request', 'problem', 'sc_req_item']);

export function webhookRoutes(options: WebhookRoutesOptions): Router {
  const router = express.Router();
  const clock = options.clock ?? systemClock;
  const raw = express.raw({ type: () => true, limit: MAX_BODY });
  if (options.jira) {
    const source = options.jira;
    router.post('/webhooks/jira', raw, receiver(source.runtime, source.upstream ?? 'jira', clock, (req, body) => verifyJira(source.secret, req, body)));
  }
  if (options.servicenow) {
    const source = options.servicenow;
    router.post(
      '/webhooks/servicenow',
      raw,
      receiver(source.runtime, source.upstream ?? 'servicenow', clock, (req, body) => verifyServiceNow(source.secret, req, body)),
    );
  }
  return router;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function receiver(runtime: HttpRuntime, upstream: string, clock: Clock, verify: (req: Request, body: Buffer) => Verified) {
  const seen = new LRUCache<string, true>({ max: 100_000, ttl: REPLAY_WINDOW_MS });
  const tiers = runtime.metrics.for(upstream).tiers;
  return async (req: Request, res: Response): Promise<void> => {
    tiers.eventsReceived++;
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const event = verify(req, body);
      if (Math.abs(clock.now() - event.timestampMs) > REPLAY_WINDOW_MS) throw new Refusal(401, 'timestamp outside the 5-minute window');
      if (seen.has(event.id)) throw new Refusal(409, 'event already received (replay)');
      seen.set(event.id, true);
      const evicted = await runtime.invalidate(upstream, event.tags, 'event');
      tiers.eventEvictions += evicted;
      res.status(202).json({ accepted: true, invalidated: event.tags, evicted });
    } catch (error) {
      tiers.eventsRejected++;
      if (error instanceof Refusal) res.status(error.status).json({ error: error.message });
      else res.status(400).json({ error: 'not a JSON event' });
    }
  };
}

/**
 * `sha256=<digest>` of HMAC-SHA256(secret, payload), compared in constant time. Jira sends hex; base64 is
 * accepted too because ServiceNow's GlideCertificateEncryption.generateMac answers base64.
 */
function checkSignature(secret: string, header: string | string[] | undefined, payload: Buffer): void {
  const given = typeof header === 'string' ? header.trim() : '';
  if (!given) throw new Refusal(401, 'missing signature');
  const digest = createHmac('sha256', secret).update(payload).digest();
  const matches = (encoding: 'hex' | 'base64') => {
    const a = Buffer.from(given);
    const b = Buffer.from(`sha256=${digest.toString(encoding)}`);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  if (!matches('hex') && !matches('base64')) throw new Refusal(401, 'bad signature');
}

function parse(body: Buffer): Record<string, unknown> {
  const value: unknown = JSON.parse(body.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Refusal(400, 'the body is not a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Jira Cloud and Data Center sign the raw body with the webhook's secret in `X-Hub-Signature: sha256=…`. The
 * event id is `X-Atlassian-Webhook-Identifier` (the same on Jira's own retries); the body's `timestamp`
 * (ms) dates it.
 */
export function verifyJira(secret: string, req: Request, body: Buffer): Verified {
  checkSignature(secret, req.headers['x-hub-signature'], body);
  const event = parse(body);
  const id = req.headers['x-atlassian-webhook-identifier'];
  if (typeof id !== 'string' || !id) throw new Refusal(400, 'missing X-Atlassian-Webhook-Identifier');
  const timestampMs = Number(event.timestamp);
  if (!Number.isFinite(timestampMs)) throw new Refusal(400, 'missing timestamp');
  return { id: `jira ${id}`, timestampMs, tags: jiraEventTags(String(event.webhookEvent ?? ''), event) };
}

/**
 * Our business rule signs `<timestamp>.<body>` with HMAC-SHA256 in `X-PMO-Signature: sha256=…`, with the
 * timestamp (ms) in `X-PMO-Timestamp` and a unique id (the record's sys_id plus sys_mod_count) in
 * `X-PMO-Event-Id`, so the timestamp is covered by the signature.
 */
export function verifyServiceNow(secret: string, req: Request, body: Buffer): Verified {
  const timestamp = req.headers['x-pmo-timestamp'];
  if (typeof timestamp !== 'string' || !/^\d+$/.test(timestamp)) throw new Refusal(401, 'missing X-PMO-Timestamp');
  checkSignature(secret, req.headers['x-pmo-signature'], Buffer.concat([Buffer.from(`${timestamp}.`), body]));
  const event = parse(body);
  const id = req.headers['x-pmo-event-id'];
  if (typeof id !== 'string' || !id) throw new Refusal(400, 'missing X-PMO-Event-Id');
  const table = String(event.table ?? '');
  return { id: `servicenow ${id}`, timestampMs: Number(timestamp), tags: SERVICENOW_TABLES.has(table) ? serviceNowTableChange(table) : [] };
}

import express, { type Router } from 'express';

/**
 * `POST /webhooks/jira` and `POST /webhooks/servicenow` on the public gateway, passed through unchanged (raw
 * body and the signature headers) to the subgraph that owns the upstream, which verifies them and evicts its
 * cache (subgraphs/common/webhooks.ts). Its status and body come back as they are: 202, or the refusal (401,
 * 409, 400) with its reason. The gateway holds no secret and reads nothing.
 */

const OWNER = { jira: 'projects', servicenow: 'tickets' } as const;
/** What the signatures and event ids travel in. */
const FORWARDED = ['content-type', 'x-hub-signature', 'x-atlassian-webhook-identifier', 'x-atlassian-webhook-retry', 'x-pmo-timestamp', 'x-pmo-signature', 'x-pmo-event-id'];
const MAX_BODY = '1mb';

export function webhookForwarding(routes: Record<string, string>, options: { timeoutMs?: number; onAccepted?: () => void } = {}): Router {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const router = express.Router();
  for (const [source, subgraph] of Object.entries(OWNER)) {
    const graphqlUrl = routes[subgraph];
    if (!graphqlUrl) continue;
    const target = graphqlUrl.replace(/\/graphql\/?$/, '') + `/webhooks/${source}`;
    router.post(`/webhooks/${source}`, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
      const headers: Record<string, string> = {};
      for (const name of FORWARDED) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      try {
        const response = await fetch(target, {
          method: 'POST',
          headers,
          body: new Uint8Array(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.status === 202) options.onAccepted?.();
        res.status(response.status).type(response.headers.get('content-type') ?? 'application/json').send(Buffer.from(await response.arrayBuffer()));
      } catch {
        // The upstream retries on a 5xx (Jira does, with backoff); the subgraph's address stays out of the answer.
        res.status(503).json({ error: `the ${subgraph} subgraph did not answer` });
      }
    });
  }
  return router;
}

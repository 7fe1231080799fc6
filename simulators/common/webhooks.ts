import { createHmac, randomUUID } from 'node:crypto';

/**
 * Where a simulator posts its change events, and how each upstream signs them: Jira's webhook (the raw body
 * signed with the webhook's secret, `X-Hub-Signature: sha256=<hex>`, the delivery id in
 * `X-Atlassian-Webhook-Identifier`) and the ServiceNow business rule of the README (`<timestamp>.<body>` signed,
 * `X-PMO-Signature: sha256=<base64>` as GlideCertificateEncryption.generateMac answers, `X-PMO-Timestamp`,
 * `X-PMO-Event-Id`). Deliveries are asynchronous, as the real ones are; `settled()` waits for those under way.
 */

export interface WebhookTarget {
  url: string;
  secret: string;
}

export type WebhookStyle = 'jira' | 'servicenow';

export interface WebhookDelivery {
  event: string;
  status: number | 'failed';
}

export class WebhookSender {
  private targets: WebhookTarget[] = [];
  private readonly pending = new Set<Promise<void>>();
  /** The last deliveries, newest last (for the admin API and tests). */
  readonly deliveries: WebhookDelivery[] = [];

  constructor(private readonly style: WebhookStyle) {}

  /** Registers a receiver (what an admin does in Jira's WebHooks page or with the business rule's properties). */
  register(target: WebhookTarget): void {
    this.targets = [...this.targets.filter((t) => t.url !== target.url), target];
  }

  clear(): void {
    this.targets = [];
  }

  get registered(): ReadonlyArray<{ url: string }> {
    return this.targets.map(({ url }) => ({ url }));
  }

  /** Posts one event to every receiver; `id` identifies the event (the same on a retry). */
  send(event: string, body: Record<string, unknown>, id: string = randomUUID()): void {
    for (const target of this.targets) {
      const delivery = this.deliver(target, event, JSON.stringify(body), id).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  /** Resolves when every delivery under way has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private async deliver(target: WebhookTarget, event: string, payload: string, id: string): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.style === 'jira') {
      headers['x-hub-signature'] = `sha256=${createHmac('sha256', target.secret).update(payload).digest('hex')}`;
      headers['x-atlassian-webhook-identifier'] = id;
    } else {
      const timestamp = String(Date.now());
      headers['x-pmo-timestamp'] = timestamp;
      headers['x-pmo-event-id'] = id;
      headers['x-pmo-signature'] = `sha256=${createHmac('sha256', target.secret).update(`${timestamp}.${payload}`).digest('base64')}`;
    }
    let status: number | 'failed';
    try {
      const response = await fetch(target.url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 'failed';
    }
    this.deliveries.push({ event, status });
    if (this.deliveries.length > 100) this.deliveries.shift();
  }
}

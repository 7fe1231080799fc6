import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';

/**
 * How the replicas sharing a Redis tell each other that cache generations moved (a write through one of them,
 * or an upstream event it received), so each drops its in-process entries at once and stops trusting its
 * local copy of those generations. Redis pub/sub: at most once, no history, so a replica that was not
 * subscribed at the time cannot trust its local generations and reads them from Redis until it is again.
 */

export interface EvictionMessage {
  /** Generation keys that changed (see ResponseCache). */
  keys: string[];
  /** Whether an upstream event (rather than a write) moved them, for the counters. */
  reason: 'event' | 'write';
}

export interface EvictionChannel {
  /** True while subscribed: messages of other replicas are being received. */
  readonly ready: boolean;
  publish(message: EvictionMessage): Promise<void>;
  /** `listener` gets other replicas' messages; `onState` every change of `ready`. */
  listen(listener: (message: EvictionMessage) => void, onState: (ready: boolean) => void): void;
  close(): Promise<void>;
}

export function redisEvictionChannel(url: string, namespace: string): EvictionChannel {
  const channel = `${namespace}:cache-evictions`;
  const origin = randomUUID();
  const options = { url, disableOfflineQueue: true, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) } };
  const subscriber = createClient(options);
  const publisher = createClient(options);
  let ready = false;
  let closed = false;
  let onMessage: (message: EvictionMessage) => void = () => undefined;
  let onState: (ready: boolean) => void = () => undefined;
  const setReady = (value: boolean) => {
    if (value === ready) return;
    ready = value;
    onState(value);
  };
  // Errors are the reconnecting client's; the cache store logs Redis trouble already.
  subscriber.on('error', () => setReady(false));
  subscriber.on('end', () => setReady(false));
  subscriber.on('reconnecting', () => setReady(false));
  // node-redis subscribes again after a reconnect; from then on messages flow.
  subscriber.on('ready', () => {
    if (subscribed) setReady(true);
  });
  publisher.on('error', () => undefined);
  let subscribed = false;
  const listener = (raw: string) => {
    try {
      const parsed = JSON.parse(raw) as EvictionMessage & { origin?: string };
      if (parsed.origin === origin || !Array.isArray(parsed.keys)) return;
      onMessage({ keys: parsed.keys.map(String), reason: parsed.reason === 'event' ? 'event' : 'write' });
    } catch {
      // Not one of ours: ignore.
    }
  };
  const start = async () => {
    try {
      await Promise.all([subscriber.connect(), publisher.connect()]);
      await subscriber.subscribe(channel, listener);
      subscribed = true;
      if (!closed) setReady(subscriber.isReady);
    } catch {
      // Redis is down at start-up: the clients keep trying and `ready` turns true once subscribed.
      setReady(false);
    }
  };
  void start();
  return {
    get ready() {
      return ready;
    },
    async publish(message) {
      if (!publisher.isReady) return;
      await publisher.publish(channel, JSON.stringify({ ...message, origin })).catch(() => undefined);
    },
    listen(listener, state) {
      onMessage = listener;
      onState = state;
    },
    async close() {
      closed = true;
      setReady(false);
      for (const client of [subscriber, publisher]) {
        try {
          client.destroy();
        } catch {
          // Never connected.
        }
      }
    },
  };
}

import { setMaxListeners } from 'node:events';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Lifts Node's listener warning from the abort signal each subgraph fetch listens on. The engine's HTTP executor
 * (@graphql-tools/executor-http) aborts every fetch to one subgraph through one signal of its own, kept for the
 * gateway's lifetime, and @whatwg-node/node-fetch adds abort listeners to it for each fetch in flight, removing
 * them when the fetch ends. So its listener count is the subgraph's fetches in flight across all operations:
 * past ten (a few concurrent dashboards) Node prints "MaxListenersExceededWarning: Possible EventTarget memory
 * leak detected", where nothing leaks. Any finite limit there would measure load, not leaks (those show as heap
 * growth, which `npm run bench:soak` watches), so the limit goes, for these signals only: every other emitter
 * of the process keeps Node's default.
 */
export function useSubgraphFetchSignal(): GatewayPlugin {
  return {
    onFetch({ options }) {
      if (options.signal) setMaxListeners(0, options.signal);
    },
  };
}

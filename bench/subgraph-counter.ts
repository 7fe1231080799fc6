import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through proxy in front of each subgraph that counts what a gateway sends: subgraph fetches, entity
 * representations, and the distinct ones among them (a representation sent twice in one fetch is waste: the
 * subgraph resolves the same entity twice). Only for the counting pass; load runs go to the subgraphs directly.
 */

export interface SubgraphTraffic {
  fetches: number;
  representations: number;
  distinctRepresentations: number;
}

export interface SubgraphCounter {
  /** Proxy URL per subgraph name. */
  urls: Record<string, string>;
  traffic: () => Record<string, SubgraphTraffic>;
  reset: () => void;
  close: () => Promise<void>;
}

interface GraphQLBody {
  variables?: Record<string, unknown>;
}

/** Every variable holding representations: `representations`, or Hive Gateway's `__batch_reps_N` when it merges fetches. */
function representationsOf(body: GraphQLBody): unknown[][] {
  return Object.entries(body.variables ?? {})
    .filter(([name, value]) => /representations$|_reps_\d+$/.test(name) && Array.isArray(value))
    .map(([, value]) => value as unknown[]);
}

export async function startSubgraphCounter(targets: Record<string, string>): Promise<SubgraphCounter> {
  const traffic: Record<string, SubgraphTraffic> = {};
  const reset = () => {
    for (const name of Object.keys(targets)) traffic[name] = { fetches: 0, representations: 0, distinctRepresentations: 0 };
  };
  reset();
  const servers: http.Server[] = [];
  const urls: Record<string, string> = {};
  for (const [name, target] of Object.entries(targets)) {
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(raw) as GraphQLBody | GraphQLBody[];
      for (const body of Array.isArray(parsed) ? parsed : [parsed]) {
        traffic[name].fetches += 1;
        for (const list of representationsOf(body)) {
          traffic[name].representations += list.length;
          traffic[name].distinctRepresentations += new Set(list.map((r) => JSON.stringify(r))).size;
        }
      }
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', accept: req.headers.accept ?? 'application/json' }, body: raw });
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
      res.end(await response.text());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    traffic: () => structuredClone(traffic),
    reset,
    close: async () => {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOperations } from '../common/operations';

/**
 * The trusted documents: every named operation under operations/, in Apollo's persisted query manifest
 * format (what Apollo Router, GraphOS and `@apollo/generate-persisted-query-manifest` read), `id` being the
 * SHA-256 of the document. `npm run operations` writes it to operations/manifest.json; the test suite fails
 * when it is stale.
 */

export interface PersistedOperation {
  /** Hex SHA-256 of `body`: the document id clients send (`documentId`, or APQ's `sha256Hash`). */
  id: string;
  name: string;
  type: 'query' | 'mutation';
  body: string;
}

export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export const MANIFEST_FILE = 'manifest.json';

export const documentId = (body: string) => createHash('sha256').update(body).digest('hex');

export function buildManifest(operationsDir: string): Manifest {
  const operations = [...loadOperations(operationsDir).values()]
    .map((op) => ({ id: documentId(op.document), name: op.name, type: op.kind, body: op.document }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { format: 'apollo-persisted-query-manifest', version: 1, operations };
}

export const renderManifest = (manifest: Manifest) => `${JSON.stringify(manifest, null, 2)}\n`;

export function readManifest(operationsDir: string): Manifest {
  const manifest = JSON.parse(readFileSync(path.join(operationsDir, MANIFEST_FILE), 'utf8')) as Manifest;
  if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
    throw new Error(`${MANIFEST_FILE} is not an apollo-persisted-query-manifest version 1; run npm run operations`);
  }
  return manifest;
}

/** operations/ above `from`: the apps find the committed manifest from source (apps/) or the build (dist/apps/). */
export function findOperationsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'operations', MANIFEST_FILE))) return path.join(dir, 'operations');
    if (path.dirname(dir) === dir) throw new Error(`operations/${MANIFEST_FILE} not found above ${from}; run npm run operations`);
  }
}

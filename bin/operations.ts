import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildManifest, MANIFEST_FILE, renderManifest } from '../apps/persisted/manifest';
import { OPERATIONS_DIR } from './stack';

/**
 * `npm run operations`: writes operations/manifest.json, the trusted documents, from the named operations
 * under operations/. With --check it only says whether the committed manifest is current (exit 1 if not).
 */
const file = path.join(OPERATIONS_DIR, MANIFEST_FILE);
const fresh = renderManifest(buildManifest(OPERATIONS_DIR));
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // A missing manifest is a stale one.
  }
  if (committed !== fresh) {
    process.stderr.write(`${path.relative(process.cwd(), file)} is stale: run npm run operations and commit it\n`);
    process.exit(1);
  }
  process.stdout.write(`${path.relative(process.cwd(), file)} is current\n`);
} else {
  writeFileSync(file, fresh);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

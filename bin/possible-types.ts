import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isAbstractType } from 'graphql';

/**
 * `npm run possible-types`: writes possible-types.json, the `possibleTypes` map Apollo Client's InMemoryCache
 * needs to match fragments on interfaces and unions (e.g. `... on Ticket`), from the composed supergraph.
 * `--check` writes nothing and fails when the committed file is stale.
 */

const ROOT = path.resolve(__dirname, '..');
export const POSSIBLE_TYPES_FILE = path.join(ROOT, 'possible-types.json');

export function possibleTypesOf(supergraphSdl: string): Record<string, string[]> {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  const map: Record<string, string[]> = {};
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (isAbstractType(type) && !type.name.startsWith('__')) map[type.name] = schema.getPossibleTypes(type).map((t) => t.name).sort();
  }
  return map;
}

export const renderPossibleTypes = (map: Record<string, string[]>): string => `${JSON.stringify(map, null, 2)}\n`;

function main(): void {
  const text = renderPossibleTypes(possibleTypesOf(readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8')));
  const current = (() => {
    try {
      return readFileSync(POSSIBLE_TYPES_FILE, 'utf8');
    } catch {
      return null;
    }
  })();
  if (process.argv.includes('--check')) {
    if (current !== text) {
      console.error('possible-types.json is stale. Run `npm run possible-types` and commit the result.');
      process.exit(1);
    }
    console.log('possible-types.json is up to date');
    return;
  }
  if (current !== text) writeFileSync(POSSIBLE_TYPES_FILE, text);
  console.log(`wrote possible-types.json (${Object.keys(JSON.parse(text)).length} abstract types)`);
}

if (require.main === module) main();

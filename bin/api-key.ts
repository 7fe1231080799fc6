import { parseArgs } from 'node:util';
import { parseScopes, SCOPES } from '../subgraphs/common/caller';
import { API_KEY_NAME, hashApiKey, newApiKey } from '../gateway/auth/api-keys';

/**
 * `npm run api-key -- --name powerbi --scopes people:sensitive`: a new service-account key. The key is shown once;
 * the configuration keeps only its SHA-256 (the JSON entry printed for API_KEYS / API_KEYS_FILE).
 */
function main(): void {
  const { values } = parseArgs({ options: { name: { type: 'string' }, scopes: { type: 'string', default: '' } } });
  if (!values.name || !API_KEY_NAME.test(values.name)) {
    console.error('usage: npm run api-key -- --name <letters, digits, . _ -> [--scopes a,b]');
    process.exit(2);
  }
  const { scopes, unknown } = parseScopes(values.scopes);
  if (unknown.length) {
    console.error(`unknown scope ${unknown.join(', ')}; the graph knows ${SCOPES.join(', ')}`);
    process.exit(2);
  }
  const key = newApiKey();
  console.log(`key (give it to the service; it is not stored anywhere):\n  ${key}\n`);
  console.log(`entry for API_KEYS (a JSON array of these) or API_KEYS_FILE:\n  ${JSON.stringify({ name: values.name, sha256: hashApiKey(key), scopes })}`);
}

main();

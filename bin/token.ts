import { parseArgs } from 'node:util';
import { parseScopes, SCOPES } from '../subgraphs/common/caller';
import { demoKeyFile, demoPrivateKey, mintDemoToken } from '../gateway/auth/demo-issuer';
import { ROOT } from './stack';

/**
 * `npm run token -- --email ana.lopez@northfield.edu --scopes people:sensitive,status:write`: a bearer token from the
 * demo issuer (the key `npm start` also uses), printed alone on stdout so `TOKEN=$(npm run -s token -- …)` works.
 */
const USAGE = `usage: npm run token -- --email <work email> [--scopes ${SCOPES.join(',')}] [--name "Ana López"] [--expires 8h] [--audience pmo-graph]`;

function main(): void {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      scopes: { type: 'string', default: '' },
      name: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      audience: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.email) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(values.email)) {
    console.error(`--email must be an email address, got "${values.email}"\n${USAGE}`);
    process.exit(2);
  }
  const { scopes, unknown } = parseScopes(values.scopes);
  if (unknown.length) {
    console.error(`unknown scope ${unknown.join(', ')}; the graph knows ${SCOPES.join(', ')}`);
    process.exit(2);
  }
  const token = mintDemoToken(demoPrivateKey(demoKeyFile(ROOT)), { email: values.email, name: values.name, scopes, expiresIn: values.expires, audience: values.audience });
  process.stdout.write(`${token}\n`);
}

main();

import { createHash } from 'node:crypto';
import path from 'node:path';
import express, { type Router } from 'express';
import { findOperationsDir, readManifest, type Manifest } from '../apps/persisted/manifest';

/**
 * GraphiQL served from this process's own node_modules (no CDN), so the explorer works offline and behind
 * a firewall. A browser GET on the GraphQL URL gets the page; everything else goes to the gateway.
 */

/** Served name → [package, file inside it]. Resolved through package.json: the packages don't export these paths. */
const ASSETS: Record<string, readonly [string, string]> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
};

export const EXPLORER_ASSET_PATH = '/explorer-assets';

/**
 * The saved operations the explorer opens as tabs, in this order, each with variables that work on the demo
 * data. Every name is a named operation under operations/ (the persisted manifest), so what an analyst tries
 * here is exactly what the apps, the static URLs (/api/<name>) and Power BI run.
 */
export const SAVED_OPERATIONS: ReadonlyArray<{ name: string; variables: Record<string, unknown> }> = [
  { name: 'ExplorerPortfolio', variables: { first: 25 } },
  { name: 'ExplorerProjectDetail', variables: { key: 'ACCESS' } },
  { name: 'ExplorerDepartmentStaffing', variables: { department: 'Portfolio & Architecture', first: 50 } },
  { name: 'ExplorerOpenP1IncidentsByProject', variables: { first: 50 } },
  { name: 'ExplorerStaffingConflicts', variables: {} },
  {
    name: 'ExplorerFileStatusReport',
    variables: {
      projectKey: 'ACCESS',
      input: { overall: 'AMBER', schedule: 'AMBER', summary: 'Vendor audit slipped a week; remediation on track otherwise.', nextSteps: 'Re-plan the audit.' },
    },
  },
  { name: 'BiProjects', variables: { first: 200 } },
  { name: 'BiIssues', variables: { first: 200, updatedSince: '2026-11-01T00:00:00Z' } },
  { name: 'BiIncidents', variables: { first: 200 } },
  { name: 'BiChanges', variables: { first: 200 } },
  { name: 'BiProblems', variables: { first: 200 } },
  { name: 'BiPeople', variables: { first: 200 } },
  { name: 'BiStaffing', variables: { first: 200 } },
  { name: 'BiStatusReports', variables: { first: 50 } },
];

/** How to authenticate, shown above the editor; the Headers tab below the query takes the header. */
const AUTH_HINT = `Signed-in queries: get a demo token with <code>npm run token -- --email tomas.young@northfield.edu --scopes status:write</code>
and put <code>{"authorization": "Bearer &lt;token&gt;"}</code> (or <code>{"x-api-key": "&lt;key&gt;"}</code>) in the <b>Headers</b> tab.
Each tab is a saved operation; the same ones run as <code>GET /api/&lt;OperationName&gt;</code>.`;

/** The tabs GraphiQL opens with: each saved operation's document (fragments included) and its variables. */
export function savedTabs(manifest: Manifest): Array<{ query: string; variables: string }> {
  const documents = new Map(manifest.operations.map((op) => [op.name, op.body]));
  return SAVED_OPERATIONS.map(({ name, variables }) => {
    const query = documents.get(name);
    if (!query) throw new Error(`the explorer's saved operation ${name} is not in operations/manifest.json`);
    return { query, variables: JSON.stringify(variables, null, 2) };
  });
}

/** JSON inside a <script>: no `</script>` or `<!--` can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

let tabs: Array<{ query: string; variables: string }> | undefined;

export function explorerAssets(): Router {
  const router = express.Router();
  for (const [name, [pkg, inside]] of Object.entries(ASSETS)) {
    const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), inside);
    router.get(`/${name}`, (_req, res) => {
      res.sendFile(file, { maxAge: '1d' });
    });
  }
  return router;
}

export function explorerPage(graphqlPath: string, authMode: 'off' | 'required' = 'off'): string {
  const mode =
    authMode === 'off'
      ? '<b style="color:#b00020">AUTH_MODE=off: without a token you are the anonymous demo caller holding every scope.</b> '
      : '<b>AUTH_MODE=required: every request needs a token or an API key.</b> ';
  tabs ??= savedTabs(readManifest(findOperationsDir()));
  const library = createHash('sha256').update(JSON.stringify(tabs)).digest('hex').slice(0, 12);
  const asset = (name: string) => `${EXPLORER_ASSET_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>PMO Graph explorer</title>
  <link rel="stylesheet" href="${asset('graphiql.min.css')}">
  <style>
    html, body { height: 100%; margin: 0; }
    body { display: flex; flex-direction: column; }
    #auth-hint { padding: 6px 12px; font: 13px/1.4 system-ui, sans-serif; background: #f3f6fb; border-bottom: 1px solid #d8dee9; }
    #explorer { flex: 1; min-height: 0; }
  </style>
</head>
<body>
  <div id="auth-hint">${mode}${AUTH_HINT}</div>
  <div id="explorer">Loading the explorer…</div>
  <script src="${asset('react.production.min.js')}"></script>
  <script src="${asset('react-dom.production.min.js')}"></script>
  <script src="${asset('graphiql.min.js')}"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });
    // GraphiQL restores tabs from local storage and then ignores defaultTabs: a namespace per version of the
    // saved operations gives a returning analyst the current library while keeping their edits within one.
    const prefix = 'pmo-graph:${library}:';
    const storage = {
      getItem: (key) => localStorage.getItem(prefix + key),
      setItem: (key, value) => localStorage.setItem(prefix + key, value),
      removeItem: (key) => localStorage.removeItem(prefix + key),
      clear: () => Object.keys(localStorage).filter((key) => key.startsWith(prefix)).forEach((key) => localStorage.removeItem(key)),
      get length() { return Object.keys(localStorage).filter((key) => key.startsWith(prefix)).length; },
    };
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, {
        fetcher,
        storage,
        defaultTabs: ${scriptJson(tabs)},
        defaultEditorToolsVisibility: true,
      }),
    );
  </script>
</body>
</html>`;
}

/** Whether a request comes from a browser navigating to the URL (not a GraphQL client doing a GET query). */
export function wantsExplorer(req: express.Request): boolean {
  return req.method === 'GET' && !req.query.query && !req.query.extensions && (req.headers.accept ?? '').includes('text/html');
}

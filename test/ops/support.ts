import path from 'node:path';
import { loadOperations } from '../../apps/common/operations';
import type { Dataset } from '../../simulators/data/dataset';

const operations = loadOperations(path.resolve(__dirname, '../../operations'));

/** The README's example queries (operations/readme.graphql) with variables from the demo data set. */
export function readmeQueries(dataset: Dataset): Array<{ name: string; query: string; variables: Record<string, unknown> }> {
  const person = dataset.people.find((p) => p.inDirectory && p.active)!;
  const project = dataset.projects[0];
  const variables: Record<string, Record<string, unknown>> = {
    PersonProfile: { email: person.email },
    DepartmentStaffing: { name: person.department },
    ProjectDelivery: { key: project.key },
  };
  return ['PortfolioPage', 'PersonProfile', 'DepartmentStaffing', 'ProjectDelivery', 'StaffingConflicts', 'SomePeople', 'ProjectKeys'].map((name) => ({
    name,
    query: operations.get(name)!.document,
    variables: variables[name] ?? {},
  }));
}

/** A named GraphQL POST; returns the status, the x-request-id header and the body. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; requestId: string | null; body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as never };
}

/** A pino destination that keeps every line, parsed. */
export function memoryLog(): { write: (line: string) => void; lines: Array<Record<string, unknown>>; text: () => string } {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  return {
    write(line: string) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
    lines,
    text: () => raw.join(''),
  };
}

/** The value of one series in Prometheus' text format, or undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[3] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[4]);
  }
  return undefined;
}

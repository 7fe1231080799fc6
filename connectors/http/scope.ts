import type { ResourceClass } from './policy';

/**
 * What one cached read depends on, and what one change touches, as tags. An entry remembers the generation of
 * each of its tags when it was stored; a change bumps the generations of its tags, which orphans exactly the
 * entries that carry one of them (in every replica: the generations live in the shared store and bumps are
 * published, see cache.ts). Every entry also carries its resource class's tag (`class:<resource>`), which a
 * change of unknown reach bumps.
 *
 * The vocabulary, per upstream:
 * - Jira issues: `issues:<PROJECT>` for a search restricted to some projects (a top-level `project = …`,
 *   `project in (…)` or `key in (…)` of the JQL our builder writes), `issues:*` for any other search (by
 *   assignee, across projects). An issue change bumps the projects it touches (its own, those of the issues it
 *   links to, its parent and sub-tasks, the old key of a moved issue) and `issues:*`, plus `versions:<PROJECT>`
 *   (version progress counts its issues).
 *   Filing projects (registered with `registerFilingProjects`: the PMO's status reports and the intake
 *   proposals) are written all day and left out of the cross-project searches (`project not in ("PMO",
 *   "INTAKE")`, `project != "PMO"`). Such a search is tagged `issues:*-<the filing projects it excludes>`
 *   instead of `issues:*`, and a change bumps every such tag except those naming its project, so a status
 *   report evicts the PMO's own searches, not every search of the portfolio. Correct for any set of filing
 *   projects: a change in a project a search does not exclude always bumps that search's tag.
 * - Jira projects: `project:<KEY>` for reads of named projects, `project:*` for the project list; a project
 *   change bumps both. Versions: `versions:<KEY>` and `versions:*` (a version event names only the project id).
 * - ServiceNow: `tickets:<table>`, bumped by a change of a record of that table.
 */

export interface ScopedRequest {
  method: string;
  path: string;
  params?: Record<string, unknown>;
  body?: unknown;
}

export const classTag = (resource: ResourceClass): string => `class:${resource}`;

/** Tags a change bumps; `null` when its reach is unknown (the whole resource class goes). */
export type ChangeTags = readonly string[] | null;

interface UpstreamScope {
  /** Tags of a read beyond its class tag. */
  read(request: ScopedRequest, resource: ResourceClass): readonly string[];
  /** Tags a successful write bumps, or null for its whole class. */
  write(request: ScopedRequest, resource: ResourceClass): ChangeTags;
}

/** Reads no rule scopes depend on any change of their class that names a scope (`<resource>:*`). */
const unscoped: UpstreamScope = { read: (_request, resource) => [`${resource}:*`], write: () => null };

/** At most this many filing projects (a change bumps one tag per subset of them). */
const MAX_FILING_PROJECTS = 4;
/** Registered filing projects (the union over every stack of the process, which is as correct as any set). */
const filingProjects: string[] = [];

/**
 * Declares projects that hold records rather than delivery work (status reports, intake proposals): written
 * often and excluded from cross-project searches. See the tag vocabulary above.
 */
export function registerFilingProjects(projectKeys: Iterable<string>): void {
  for (const key of projectKeys) {
    const upper = key.trim().toUpperCase();
    if (upper && !filingProjects.includes(upper) && filingProjects.length < MAX_FILING_PROJECTS) filingProjects.push(upper);
  }
  filingProjects.sort();
}

/** The tag of a cross-project search that excludes these filing projects (`issues:*` when none). */
const crossProjectTag = (excluded: readonly string[]): string => (excluded.length ? `issues:*-${[...excluded].sort().join(',')}` : 'issues:*');

/** Every subset of the filing projects, smallest first (the empty one is `issues:*`). */
function filingSubsets(): string[][] {
  const subsets: string[][] = [[]];
  for (const key of filingProjects) for (const subset of subsets.slice()) subsets.push([...subset, key]);
  return subsets;
}

/** `issues:<P>`… for a change of issues in these projects. */
export function jiraIssueChange(projectKeys: Iterable<string>): string[] {
  const keys = [...new Set([...projectKeys].map((k) => k.toUpperCase()))];
  // A cross-project search excluding `subset` can see the change unless every changed project is in the subset.
  const crossProject = filingSubsets()
    .filter((subset) => keys.some((k) => !subset.includes(k)))
    .map(crossProjectTag);
  return [...keys.map((k) => `issues:${k}`), ...crossProject, ...keys.map((k) => `versions:${k}`)];
}

export const jiraProjectChange = (projectKey: string): string[] => [`project:${projectKey.toUpperCase()}`, 'project:*'];
export const JIRA_VERSION_CHANGE: readonly string[] = ['versions:*'];
export const serviceNowTableChange = (table: string): string[] => [`tickets:${table}`, 'tickets:*'];

/** The project of an issue key (`SOC-12` → `SOC`). */
export const projectOfIssueKey = (key: string): string | undefined => /^([A-Z][A-Z0-9_]*)-\d+$/i.exec(key.trim())?.[1]?.toUpperCase();

const PROJECT_PATH = /^\/rest\/api\/[23]\/project\/([^/]+)(\/.*)?$/;
const ISSUE_PATH = /^\/rest\/api\/[23]\/issue\/([^/]+)(\/.*)?$/;

const jira: UpstreamScope = {
  read(request, resource) {
    if (resource === 'issues') {
      const issue = ISSUE_PATH.exec(request.path);
      const query = issue ? undefined : jqlOf(request);
      const projects = issue ? [projectOfIssueKey(decodeURIComponent(issue[1]))].filter(Boolean) : jqlProjects(query);
      if (projects?.length) return projects.map((p) => `issues:${p}`);
      const excluded = jqlExcludedProjects(query) ?? [];
      return [crossProjectTag(filingProjects.filter((key) => excluded.includes(key)))];
    }
    if (resource === 'projects') {
      const project = PROJECT_PATH.exec(request.path);
      if (project && project[1] !== 'search') {
        const key = decodeURIComponent(project[1]).toUpperCase();
        return /^\/versions?$/.test(project[2] ?? '') ? [`versions:${key}`, 'versions:*'] : [`project:${key}`];
      }
      const keys = request.params?.keys;
      const list = Array.isArray(keys) ? keys.map(String) : typeof keys === 'string' ? keys.split(',') : [];
      return list.length ? list.map((k) => `project:${k.trim().toUpperCase()}`) : ['project:*'];
    }
    return unscoped.read(request, resource);
  },
  write(request, resource) {
    const project = PROJECT_PATH.exec(request.path);
    if (project) return jiraProjectChange(decodeURIComponent(project[1]));
    if (resource === 'issues') {
      const issue = ISSUE_PATH.exec(request.path);
      const key = issue ? projectOfIssueKey(decodeURIComponent(issue[1])) : createdIssueProject(request.body);
      return key ? jiraIssueChange([key]) : null;
    }
    return null;
  },
};

const SERVICENOW_PATH = /^\/api\/now\/(?:v\d+\/)?(?:table|stats)\/([a-z0-9_]+)(?:\/|$)/;

const servicenow: UpstreamScope = {
  read(request, resource) {
    const table = SERVICENOW_PATH.exec(request.path)?.[1];
    return table && resource === 'tickets' ? [`tickets:${table}`] : unscoped.read(request, resource);
  },
  write(request, resource) {
    const table = SERVICENOW_PATH.exec(request.path)?.[1];
    return table && resource === 'tickets' ? serviceNowTableChange(table) : null;
  },
};

const SCOPES: Record<string, UpstreamScope> = { jira, servicenow };

export function readTags(upstream: string, request: ScopedRequest, resource: ResourceClass): string[] {
  return [classTag(resource), ...(SCOPES[upstream] ?? unscoped).read(request, resource)];
}

export function writeTags(upstream: string, request: ScopedRequest, resource: ResourceClass): ChangeTags {
  return (SCOPES[upstream] ?? unscoped).write(request, resource);
}

function jqlOf(request: ScopedRequest): string | undefined {
  const fromParams = request.params?.jql;
  if (typeof fromParams === 'string') return fromParams;
  const body = request.body as { jql?: unknown } | undefined;
  return typeof body?.jql === 'string' ? body.jql : undefined;
}

function createdIssueProject(body: unknown): string | undefined {
  const project = (body as { fields?: { project?: { key?: unknown } } } | undefined)?.fields?.project?.key;
  return typeof project === 'string' ? project.toUpperCase() : undefined;
}

/**
 * The projects a JQL query is restricted to, from its first top-level (outside parentheses, joined by AND)
 * `project = "X"`, `project in ("A", "B")`, `key = "A-1"` or `key in (…)` clause; undefined when it has none
 * or an OR at the top level (then the search may match any project).
 */
export function jqlProjects(query: string | undefined): string[] | undefined {
  if (!query) return undefined;
  const clauses = topLevelClauses(query);
  if (!clauses) return undefined;
  for (const clause of clauses) {
    const match = /^(project|key|issuekey)\s*(=|in)\s*(.+)$/is.exec(clause);
    if (!match) continue;
    const values = match[2] === '=' ? [unquote(match[3])] : list(match[3]);
    if (!values || values.some((v) => v === undefined)) continue;
    const field = match[1].toLowerCase();
    const projects = field === 'project' ? values.map((v) => v!.toUpperCase()) : values.map((v) => projectOfIssueKey(v!));
    if (projects.every((p): p is string => Boolean(p))) return [...new Set(projects)];
  }
  return undefined;
}

/**
 * The projects a JQL query leaves out at its top level (`project != "X"`, `project not in ("A", "B")`, joined by
 * AND); undefined when it cannot tell (no such clause, a top-level OR).
 */
export function jqlExcludedProjects(query: string | undefined): string[] | undefined {
  if (!query) return undefined;
  const clauses = topLevelClauses(query);
  if (!clauses) return undefined;
  const excluded = new Set<string>();
  for (const clause of clauses) {
    const match = /^project\s*(!=|not\s+in)\s*(.+)$/is.exec(clause);
    if (!match) continue;
    const values = match[1] === '!=' ? [unquote(match[2])] : list(match[2]);
    if (!values || values.some((v) => v === undefined)) continue;
    for (const value of values) excluded.add(value!.toUpperCase());
  }
  return excluded.size ? [...excluded] : undefined;
}

/** The JQL split on top-level ANDs (ORDER BY dropped); null when a top-level OR or NOT makes any split unsafe. */
function topLevelClauses(query: string): string[] | null {
  const clauses: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  let end = query.length;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      const rest = query.slice(i + 1);
      const word = /^(AND|OR|NOT|ORDER\s+BY)\b/i.exec(rest)?.[1]?.toUpperCase();
      // `not in` and `is not` are operators of a clause; a NOT anywhere else negates what follows.
      const operator = word === 'NOT' && (/^NOT\s+IN\b/i.test(rest) || /\bIS$/i.test(query.slice(0, i)));
      if (word === 'OR' || (word === 'NOT' && !operator)) return null;
      if (word === 'AND') {
        clauses.push(query.slice(start, i).trim());
        start = i + 4;
        i += 3;
      } else if (word?.startsWith('ORDER')) {
        end = i;
        break;
      }
    }
  }
  clauses.push(query.slice(start, end).trim());
  return clauses.filter(Boolean);
}

function unquote(value: string): string | undefined {
  const text = value.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(text) ?? /^'((?:[^'\\]|\\.)*)'$/s.exec(text);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : undefined;
}

/** `("A", "B")` → ['A', 'B']; undefined for anything else (a sub-query, a function). */
function list(value: string): Array<string | undefined> | undefined {
  const inner = /^\((.*)\)$/s.exec(value.trim())?.[1];
  if (inner === undefined) return undefined;
  const values: Array<string | undefined> = [];
  const item = /\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z0-9_-]+)\s*(,|$)/gsy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while (consumed < inner.length && (match = item.exec(inner))) {
    values.push(unquote(match[1]));
    consumed = item.lastIndex;
    if (match[2] === '') break;
  }
  return consumed >= inner.trimEnd().length ? values : undefined;
}

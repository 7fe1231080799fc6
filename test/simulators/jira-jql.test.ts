import { quoteJql } from '../../connectors/jira/jql';
import { generateDataset, type DemoIssue } from '../../simulators/data/dataset';
import { JqlEngine } from '../../simulators/jira/jql/engine';
import { JqlError } from '../../simulators/jira/jql/lexer';
import { parseJql } from '../../simulators/jira/jql/parser';
import { JiraStore } from '../../simulators/jira/store';

/** The simulator's JQL evaluator, checked against filters written directly over the data set. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const store = new JiraStore(data);
const engine = new JqlEngine(store);
const DAY = 86_400_000;
/** The simulator's clock: the end of the anchor day. */
const NOW = Date.parse('2026-11-26T23:59:59.999Z');

const keys = (jql: string) => engine.search(jql).map((i) => i.key).sort();
// The store's issues: the data set's plus the status-report issues seeded into the PMO project.
const where = (predicate: (i: DemoIssue) => boolean) => store.issues.filter(predicate).map((i) => i.key).sort();
const error = (jql: string) => {
  try {
    engine.search(jql);
  } catch (e) {
    if (e instanceof JqlError) return e.message;
    throw e;
  }
  throw new Error(`expected ${jql} to be rejected`);
};
const person = (scimId: string | null) => data.people.find((p) => p.scimId === scimId);
const accountOf = (scimId: string | null) => person(scimId)!.jiraAccountId;

describe('clauses', () => {
  it('matches references by name or id, case-insensitively, quoted or bare', () => {
    const stories = where((i) => i.projectKey === 'IAM' && i.type === 'Story');
    expect(stories.length).toBeGreaterThan(0);
    expect(keys('project = IAM AND issuetype = Story')).toEqual(stories);
    expect(keys('Project = "iam" and TYPE = "story"')).toEqual(stories);
    expect(keys(`project = ${data.projects.find((p) => p.key === 'IAM')!.id} AND issuetype = 10001`)).toEqual(stories);
    expect(keys(`project = "${data.projects.find((p) => p.key === 'IAM')!.name}" AND issuetype = Story`)).toEqual(stories);
  });

  it('reads statusCategory by key or name, and status by name', () => {
    const inProgress = where((i) => i.statusCategory === 'indeterminate');
    expect(keys('statusCategory = indeterminate')).toEqual(inProgress);
    expect(keys('statusCategory = "In Progress"')).toEqual(inProgress);
    expect(keys('status in ("In Progress", "In Review", Blocked)')).toEqual(inProgress);
    expect(keys('status = Blocked')).toEqual(where((i) => i.status === 'Blocked'));
  });

  it('never matches an empty field with != or not in, as Jira', () => {
    const someone = data.issues.find((i) => i.assigneeId)!.assigneeId;
    expect(keys(`project = IAM AND assignee != "${accountOf(someone)}"`)).toEqual(
      where((i) => i.projectKey === 'IAM' && i.assigneeId !== null && i.assigneeId !== someone),
    );
    expect(keys('project = IAM AND assignee is EMPTY')).toEqual(where((i) => i.projectKey === 'IAM' && i.assigneeId === null));
    expect(keys('project = IAM AND assignee IS NOT null')).toEqual(where((i) => i.projectKey === 'IAM' && i.assigneeId !== null));
    expect(keys('project = IAM AND labels not in (migration)')).toEqual(
      where((i) => i.projectKey === 'IAM' && i.labels.length > 0 && !i.labels.includes('migration')),
    );
    expect(keys(`project = IAM AND assignee in (EMPTY, "${accountOf(someone)}")`)).toEqual(
      where((i) => i.projectKey === 'IAM' && (i.assigneeId === null || i.assigneeId === someone)),
    );
  });

  it('finds fix versions by name or id, and children by parent', () => {
    const version = data.projects.find((p) => p.key === 'IAM')!.versions[0];
    expect(keys(`project = IAM AND fixVersion = "${version.name}"`)).toEqual(where((i) => i.projectKey === 'IAM' && i.fixVersionIds.includes(version.id)));
    expect(keys(`fixVersion = ${version.id}`)).toEqual(where((i) => i.fixVersionIds.includes(version.id)));
    const epic = data.issues.find((i) => i.type === 'Epic' && data.issues.some((c) => c.parentKey === i.key))!;
    expect(keys(`parent = ${epic.key}`)).toEqual(where((i) => i.parentKey === epic.key));
  });

  it('compares issue keys by number within the key’s project, for keyset paging', () => {
    const number = (key: string) => Number(key.split('-')[1]);
    expect(keys('key > IAM-10')).toEqual(where((i) => i.projectKey === 'IAM' && number(i.key) > 10));
    expect(keys('issuekey <= "iam-3" AND issuetype != Epic')).toEqual(where((i) => i.projectKey === 'IAM' && number(i.key) <= 3 && i.type !== 'Epic'));
    expect(error('key > NOPE-1')).toBe("An issue with key 'NOPE-1' does not exist for field 'key'.");
  });

  it('compares dates: absolute days, day-and-time, and periods relative to now', () => {
    expect(keys('duedate < "2026-12-01"')).toEqual(where((i) => i.dueDate !== null && i.dueDate < '2026-12-01'));
    expect(keys('due <= 2026-12-01')).toEqual(where((i) => i.dueDate !== null && i.dueDate <= '2026-12-01'));
    expect(keys('created >= -14d')).toEqual(where((i) => Date.parse(i.created) >= NOW - 14 * DAY));
    expect(keys('updated > "2026/11/20 12:30"')).toEqual(where((i) => Date.parse(i.updated) > Date.parse('2026-11-20T12:30:00Z')));
    expect(keys('resolved >= "-2w 3d"')).toEqual(where((i) => i.resolved !== null && Date.parse(i.resolved) >= NOW - 17 * DAY));
    expect(keys('project = IAM AND resolutiondate is EMPTY')).toEqual(where((i) => i.projectKey === 'IAM' && i.resolved === null));
  });

  it('searches summary and text with ~ as a case-insensitive contains', () => {
    expect(keys('summary ~ "ENROLMENT"')).toEqual(where((i) => i.summary.toLowerCase().includes('enrolment')));
    expect(keys('project = IAM AND text !~ feed')).toEqual(where((i) => i.projectKey === 'IAM' && !i.summary.toLowerCase().includes('feed')));
  });

  it('keeps escaped quotes and backslashes inside one literal', () => {
    expect(parseJql(`summary ~ ${quoteJql('a "b" \\ OR c')}`).where).toEqual({
      kind: 'clause', field: 'summary', operator: '~', operand: { kind: 'value', value: 'a "b" \\ OR c' },
    });
    expect(parseJql("labels = 'it\\'s'").where).toMatchObject({ operand: { kind: 'value', value: "it's" } });
    expect(keys(`project = IAM AND summary ~ ${quoteJql('x" OR project = "SISR')}`)).toEqual([]);
  });
});

describe('logic and order', () => {
  it('binds NOT over AND over OR, with parentheses overriding', () => {
    expect(keys('project = IAM OR project = SISR AND issuetype = Epic')).toEqual(
      where((i) => i.projectKey === 'IAM' || (i.projectKey === 'SISR' && i.type === 'Epic')),
    );
    expect(keys('(project = IAM OR project = SISR) AND issuetype = Epic')).toEqual(
      where((i) => (i.projectKey === 'IAM' || i.projectKey === 'SISR') && i.type === 'Epic'),
    );
    expect(keys('project in (IAM, SISR) AND NOT issuetype = Epic AND not statusCategory = done')).toEqual(
      where((i) => ['IAM', 'SISR'].includes(i.projectKey) && i.type !== 'Epic' && i.statusCategory !== 'done'),
    );
    expect(keys('issuetype = Epic AND NOT (project != IAM)')).toEqual(where((i) => i.type === 'Epic' && i.projectKey === 'IAM'));
  });

  it('orders by key numerically, by priority most urgent first descending, and puts empty values last ascending', () => {
    const byKey = engine.search('project = IAM ORDER BY key ASC').map((i) => i.key);
    expect(byKey.slice(0, 11)).toEqual(Array.from({ length: 11 }, (_, n) => `IAM-${n + 1}`));

    const rank = { Highest: 0, High: 1, Medium: 2, Low: 3, Lowest: 4 };
    const priorities = engine.search('project = IAM ORDER BY priority DESC').map((i) => rank[i.priority]);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));

    const due = engine.search('project = IAM ORDER BY duedate ASC, key DESC').map((i) => i.dueDate);
    const firstEmpty = due.indexOf(null);
    expect(firstEmpty).toBeGreaterThan(0);
    expect(due.slice(firstEmpty).every((d) => d === null)).toBe(true);
    expect(due.slice(0, firstEmpty)).toEqual([...due.slice(0, firstEmpty)].sort());
  });
});

describe('errors', () => {
  it('uses Jira’s messages', () => {
    expect(error('project = IAM AND foo = bar')).toBe("Field 'foo' does not exist or you do not have permission to view it.");
    expect(error('project = NOPE')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    // Even where the clause only leaves the project out.
    expect(error('project != NOPE')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(error('project not in (IAM, NOPE) AND statusCategory != Done')).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(error('key = IAM-999999')).toBe("An issue with key 'IAM-999999' does not exist for field 'key'.");
    expect(error('key = "IAM-1\\" OR key = \\"SISR-1"')).toBe("The issue key 'IAM-1\" OR key = \"SISR-1' for field 'key' is invalid.");
    expect(error('project = IAM AND created < yesterday')).toMatch(/^Date value 'yesterday' for field 'created' is invalid\./);
    expect(error('project = IAM AND priority > High')).toBe("The operator '>' is not supported by the 'priority' field.");
    expect(error('project in IAM')).toBe("Operator 'in' does not support the non-list value 'IAM' for field 'project'.");
    expect(error('project = IAM ORDER BY text')).toBe("Not able to sort using field 'text'.");
    expect(error('assignee = currentUser()')).toBe("Unable to find JQL function 'currentUser()'.");
  });

  it('reports syntax errors with their position', () => {
    expect(error('project = "IAM')).toBe("Error in the JQL Query: The quoted string 'IAM' has not been completed. (line 1, character 11)");
    expect(error('project = IAM project = SISR')).toBe("Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'project'. (line 1, character 15)");
    expect(error('project = and')).toMatch(/^Error in the JQL Query: 'and' is a reserved JQL word\./);
    expect(error('summary ~ "a\\qb"')).toMatch(/^Error in the JQL Query: The escape sequence '\\q'/);
    expect(error('project = IAM AND\n  (status = Done')).toBe("Error in the JQL Query: Expecting ')' but got the end of the query. (line 2, character 17)");
  });

  it('refuses unbounded queries', () => {
    expect(error('ORDER BY created DESC')).toBe('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  });
});

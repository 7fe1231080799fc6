import { jiraIssueChange, jqlExcludedProjects, jqlProjects, readTags, registerFilingProjects, writeTags } from '../../connectors/http/scope';
import { jql } from '../../connectors/jira/jql';

/** What a cached read depends on and what a change touches, from the request alone (connectors/http/scope.ts). */

describe('the projects a JQL search is restricted to', () => {
  it.each([
    [jql().where('project', '=', 'SOC').orderBy('key').toString(), ['SOC']],
    [jql().in('project', ['SOC', 'iam']).where('statusCategory', '!=', '3').toString(), ['SOC', 'IAM']],
    [jql().where('statusCategory', '!=', '3').in('project', ['ERP']).toString(), ['ERP']],
    [jql().in('key', ['SOC-1', 'IAM-22']).toString(), ['SOC', 'IAM']],
    [jql().where('project', '=', 'PMO').in('labels', ['pmo-status-SOC']).toString(), ['PMO']],
    [jql().in('project', ['SOC']).anyOf([jql().where('duedate', '<', '2026-01-01'), jql().where('issueLinkType', '=', 'is blocked by')]).toString(), ['SOC']],
    ['project = SOC ORDER BY key', ['SOC']],
  ])('%s', (query, projects) => {
    expect(jqlProjects(query)).toEqual(projects);
  });

  it.each([
    jql().in('assignee', ['a@northfield.edu']).where('project', '!=', 'SOC').toString(),
    'project = SOC OR project = IAM',
    'NOT project = SOC',
    'project in projectsLeadByUser()',
    // A quoted value that looks like a clause stays one value.
    jql().where('summary', '~', 'x" OR project = "SECRET').toString(),
    '',
  ])('none for %s', (query) => {
    expect(jqlProjects(query)).toBeUndefined();
  });
});

it('tags Jira reads by project, version list and the cross-project rest', () => {
  expect(readTags('jira', { method: 'GET', path: '/rest/api/3/search/jql', params: { jql: 'project = "SOC"' } }, 'issues')).toEqual(['class:issues', 'issues:SOC']);
  expect(readTags('jira', { method: 'POST', path: '/rest/api/3/search/approximate-count', body: { jql: 'assignee = "x"' } }, 'issues')).toEqual(['class:issues', 'issues:*']);
  expect(readTags('jira', { method: 'GET', path: '/rest/api/3/project/search', params: { keys: ['soc', 'IAM'] } }, 'projects')).toEqual(['class:projects', 'project:SOC', 'project:IAM']);
  expect(readTags('jira', { method: 'GET', path: '/rest/api/3/project/search' }, 'projects')).toEqual(['class:projects', 'project:*']);
  expect(readTags('jira', { method: 'GET', path: '/rest/api/2/project' }, 'projects')).toEqual(['class:projects', 'project:*']);
  expect(readTags('jira', { method: 'GET', path: '/rest/api/3/project/SOC/version' }, 'projects')).toEqual(['class:projects', 'versions:SOC', 'versions:*']);
  expect(readTags('jira', { method: 'GET', path: '/rest/api/2/project/SOC/properties/pmo.profile' }, 'projects')).toEqual(['class:projects', 'project:SOC']);
  expect(readTags('servicenow', { method: 'GET', path: '/api/now/table/incident' }, 'tickets')).toEqual(['class:tickets', 'tickets:incident']);
  expect(readTags('scim', { method: 'GET', path: '/Users' }, 'people')).toEqual(['class:people', 'people:*']);
});

it('tags writes by what they change, or not at all when that is unknown', () => {
  expect(writeTags('jira', { method: 'PUT', path: '/rest/api/3/project/SOC/properties/pmo.profile' }, 'projects')).toEqual(['project:SOC', 'project:*']);
  expect(writeTags('jira', { method: 'POST', path: '/rest/api/3/issue', body: { fields: { project: { key: 'SOC' } } } }, 'issues')).toEqual(
    expect.arrayContaining(['issues:SOC', 'issues:*', 'versions:SOC']),
  );
  expect(writeTags('jira', { method: 'POST', path: '/rest/api/3/issue', body: {} }, 'issues')).toBeNull();
  expect(writeTags('servicenow', { method: 'PUT', path: '/api/now/table/incident/abc' }, 'tickets')).toEqual(['tickets:incident', 'tickets:*']);
});

describe('filing projects (status reports, proposals)', () => {
  // Registered once for the module: the registry is process-wide and only grows (any set is correct).
  registerFilingProjects(['PMO', 'intake']);
  const search = (query: string) => readTags('jira', { method: 'GET', path: '/rest/api/3/search/jql', params: { jql: query } }, 'issues');
  const evicts = (change: string[], read: string[]) => read.some((tag) => tag !== 'class:issues' && change.includes(tag));

  it('reads what a search leaves out at its top level', () => {
    expect(jqlExcludedProjects(jql().notIn('project', ['PMO', 'INTAKE']).where('statusCategory', '!=', '3').toString())).toEqual(['PMO', 'INTAKE']);
    expect(jqlExcludedProjects(jql().in('assignee', ['a@northfield.edu']).where('project', '!=', 'pmo').toString())).toEqual(['PMO']);
    expect(jqlExcludedProjects('resolution is not EMPTY AND project != PMO')).toEqual(['PMO']);
    expect(jqlExcludedProjects('project != PMO OR assignee = x')).toBeUndefined();
    expect(jqlExcludedProjects('NOT project in (PMO)')).toBeUndefined();
    expect(jqlExcludedProjects('assignee = x')).toBeUndefined();
  });

  it.each([
    ['a status report (PMO)', ['PMO']],
    ['a proposal (INTAKE)', ['INTAKE']],
  ])('%s does not evict the searches that leave its project out, and evicts the rest', (_what, projects) => {
    const change = jiraIssueChange(projects);
    const outside = search(jql().notIn('project', ['PMO', 'INTAKE']).where('statusCategory', '!=', '3').toString());
    expect(evicts(change, outside)).toBe(false);
    expect(evicts(change, search(jql().where('project', '=', projects[0]).toString()))).toBe(true);
    expect(evicts(change, search(jql().where('project', '=', 'SOC').toString()))).toBe(false);
    expect(evicts(change, search('assignee = "a@northfield.edu"'))).toBe(true);
  });

  it('a change anywhere else evicts every cross-project search it could appear in', () => {
    const change = jiraIssueChange(['SOC']);
    for (const query of [
      jql().notIn('project', ['PMO', 'INTAKE']).toString(),
      jql().in('assignee', ['a@northfield.edu']).where('project', '!=', 'PMO').toString(),
      jql().notIn('project', ['PMO', 'INTAKE', 'SOC']).toString(), // SOC is no filing project: conservative
      'assignee = "a@northfield.edu"',
    ])
      expect(evicts(change, search(query))).toBe(true);
  });

  it('a change touching a filing project and another (a link) evicts the searches that leave only one out', () => {
    expect(evicts(jiraIssueChange(['PMO', 'SOC']), search(jql().notIn('project', ['PMO', 'INTAKE']).toString()))).toBe(true);
    expect(evicts(jiraIssueChange(['PMO', 'INTAKE']), search(jql().notIn('project', ['PMO', 'INTAKE']).toString()))).toBe(false);
    expect(evicts(jiraIssueChange(['PMO', 'INTAKE']), search(jql().where('project', '!=', 'PMO').toString()))).toBe(true);
  });
});

import { jqlProjects, readTags, writeTags } from '../../connectors/http/scope';
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
  expect(writeTags('jira', { method: 'POST', path: '/rest/api/3/issue', body: { fields: { project: { key: 'PMO' } } } }, 'issues')).toEqual([
    'issues:PMO',
    'issues:*',
    'versions:PMO',
  ]);
  expect(writeTags('jira', { method: 'POST', path: '/rest/api/3/issue', body: {} }, 'issues')).toBeNull();
  expect(writeTags('servicenow', { method: 'PUT', path: '/api/now/table/incident/abc' }, 'tickets')).toEqual(['tickets:incident', 'tickets:*']);
});

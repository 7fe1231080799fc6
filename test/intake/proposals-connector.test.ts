import nock from 'nock';
import type { ParsedUrlQuery } from 'node:querystring';
import type { UpstreamConfig } from '../../connectors/http/config';
import { JiraClient } from '../../connectors/jira';
import { scorecardProperty } from '../../connectors/jira/proposals';
import type { ProposalBody, ProposalWorkflow, Scorecard } from '../../connectors/jira/proposals.models';
import { useNock } from '../support/nock';

/** The connector's proposal operations against nock: the requests it sends and what it accepts back. */

const SITE = 'https://northfield.atlassian.net';
const config: UpstreamConfig = { name: 'jira', baseUrl: SITE, auth: { type: 'bearer', token: 'pat' }, timeoutMs: 2000 };
const site = () => nock(SITE, { reqheaders: { authorization: 'Bearer pat' } });
const STORE = { projectKey: 'INTAKE', issueType: 'Task' };

useNock();

const body: ProposalBody = {
  title: 'Lab booking system',
  problem: 'Labs are booked on paper.',
  expectedBenefits: 'Visible lab use.',
  sponsorEmail: 'ben.kowalski@northfield.edu',
  requestingDepartment: 'Research Computing',
  estimatedCost: 80000,
  effortBand: 'M',
  targetQuarter: '2027-Q2',
  strategicGoals: ['Research excellence'],
  risks: null,
  dependencies: null,
  submittedBy: 'noah.patel@northfield.edu',
  submittedAt: '2026-11-26T12:00:00.000Z',
};
const workflow: ProposalWorkflow = {
  state: 'SUBMITTED',
  history: [{ from: null, to: 'SUBMITTED', at: body.submittedAt, by: body.submittedBy, note: null }],
  decision: null,
  projectKey: null,
};
const card: Scorecard = {
  reviewer: 'aisha.haddad@northfield.edu',
  criteriaVersion: '2026.1',
  scores: [{ criterion: 'risk', score: 2, comment: null }],
  comment: null,
  scoredAt: '2026-11-27T10:00:00.000Z',
};

it('files a proposal as one POST /issue with the body and the workflow as issue properties', async () => {
  let sent: any;
  site()
    .post('/rest/api/3/issue', (b) => ((sent = b), true))
    .reply(201, { id: '10500', key: 'INTAKE-22', self: `${SITE}/rest/api/3/issue/10500` });
  const filed = await new JiraClient(config).createProposal(STORE, body, workflow);
  expect(filed).toEqual({ key: 'INTAKE-22', id: '10500', url: `${SITE}/browse/INTAKE-22`, body, workflow });
  expect(sent.fields).toMatchObject({ project: { key: 'INTAKE' }, issuetype: { name: 'Task' }, summary: 'Lab booking system', labels: ['pmo-proposal'] });
  expect(sent.fields.description.type).toBe('doc');
  expect(sent.properties).toEqual([
    { key: 'pmo.proposal', value: body },
    { key: 'pmo.proposal.workflow', value: workflow },
  ]);
});

it('lists proposals with one key-only search carrying both properties, skipping issues without a valid body', async () => {
  const queries: ParsedUrlQuery[] = [];
  site()
    .get('/rest/api/3/search/jql')
    .query((q) => (queries.push(q), true))
    .reply(200, {
      isLast: true,
      issues: [
        { id: '1', key: 'INTAKE-1', properties: { 'pmo.proposal': body, 'pmo.proposal.workflow': workflow } },
        // Created by hand in Jira: a body but no workflow yet reads as just submitted.
        { id: '2', key: 'INTAKE-2', properties: { 'pmo.proposal': { ...body, title: 'By hand' } } },
        { id: '3', key: 'INTAKE-3', properties: {} },
        { id: '4', key: 'INTAKE-4', properties: { 'pmo.proposal': { title: '' } } },
      ],
    });
  const list = await new JiraClient(config).listProposals(STORE);
  expect(queries).toEqual([{ jql: 'project = "INTAKE" ORDER BY key ASC', fields: 'key', properties: 'pmo.proposal,pmo.proposal.workflow', maxResults: '5000' }]);
  expect(list.map((p) => [p.key, p.workflow.state])).toEqual([
    ['INTAKE-1', 'SUBMITTED'],
    ['INTAKE-2', 'SUBMITTED'],
  ]);
});

it('reads a proposal with every scorecard from GET /issue?properties=*all, refusing cards filed under another key', async () => {
  site()
    .get('/rest/api/3/issue/INTAKE-1')
    .query({ fields: 'project', properties: '*all' })
    .reply(200, {
      id: '1',
      key: 'INTAKE-1',
      fields: { project: { id: '1', key: 'INTAKE' } },
      properties: {
        'pmo.proposal': body,
        'pmo.proposal.workflow': { ...workflow, state: 'IN_REVIEW' },
        [scorecardProperty(card.reviewer)]: card,
        // Someone copied a card under a key that is not its reviewer's.
        'pmo.scorecard.000000000000000000000000': { ...card, reviewer: 'kofi.lopez@northfield.edu' },
        'pmo.scorecard.broken': { reviewer: 'x' },
        'other.app': { any: 'thing' },
      },
    });
  const found = await new JiraClient(config).getProposal(STORE, 'INTAKE-1');
  expect(found!.proposal.workflow.state).toBe('IN_REVIEW');
  expect(found!.scorecards).toEqual([card]);
});

it('answers null for an issue of another project and for a missing issue', async () => {
  site().get('/rest/api/3/issue/SOC-1').query(true).reply(200, { id: '9', key: 'SOC-1', fields: { project: { id: '2', key: 'SOC' } }, properties: { 'pmo.proposal': body } });
  site().get('/rest/api/3/issue/INTAKE-99').query(true).reply(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  const client = new JiraClient(config);
  await expect(client.getProposal(STORE, 'SOC-1')).resolves.toBeNull();
  await expect(client.getProposal(STORE, 'INTAKE-99')).resolves.toBeNull();
});

it("writes a scorecard to the reviewer's own property only", async () => {
  let sent: unknown;
  site()
    .put(`/rest/api/3/issue/INTAKE-1/properties/${scorecardProperty('Aisha.Haddad@northfield.edu')}`, (b) => ((sent = b), true))
    .reply(201, {});
  await new JiraClient(config).putScorecard('INTAKE-1', card);
  expect(sent).toEqual(card);
  expect(scorecardProperty(card.reviewer)).toMatch(/^pmo\.scorecard\.[0-9a-f]{24}$/);
});

import { JiraClient } from '../../connectors/jira';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { SIMULATOR_CREDENTIALS } from '../../simulators/credentials';
import { generateDataset } from '../../simulators/data/dataset';
import { generateIntakeBacklog } from '../../simulators/data/intake';
import { jiraSimulator } from '../../simulators/jira';

/** Proposals on Jira Data Center (REST v2): the same list, single read, scorecard write and wiki-text description. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
const STORE = { projectKey: 'INTAKE', issueType: 'Task' };
let sim: RunningSimulator;
let client: JiraClient;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data, SIMULATOR_CREDENTIALS.jira, { deployment: 'datacenter' }));
  client = new JiraClient({ name: 'jira', baseUrl: sim.url, auth: { type: 'bearer', token: SIMULATOR_CREDENTIALS.jira.pat }, timeoutMs: 5000, deployment: 'datacenter' });
});
afterAll(() => sim.close());

test('lists, reads, files and scores proposals on REST v2', async () => {
  sim.reset();
  const list = await client.listProposals(STORE);
  expect(list).toHaveLength(generateIntakeBacklog(data).length);
  const inReview = list.find((p) => p.workflow.state === 'IN_REVIEW')!;
  const detail = await client.getProposal(STORE, inReview.key);
  expect(detail!.scorecards.length).toBeGreaterThanOrEqual(1);
  expect(Object.keys(sim.requests()).every((route) => route.includes('/rest/api/2/'))).toBe(true);

  const card = { reviewer: 'ivan.quintero@northfield.edu', criteriaVersion: '2026.1', scores: [{ criterion: 'risk', score: 3, comment: null }], comment: null, scoredAt: '2026-11-26T10:00:00.000Z' };
  await client.putScorecard(inReview.key, card);
  expect((await client.getProposal(STORE, inReview.key))!.scorecards).toContainEqual(card);

  const filed = await client.createProposal(STORE, { ...inReview.body, title: 'Wiki *markup* stays text' }, inReview.workflow);
  expect(filed.key).toMatch(/^INTAKE-\d+$/);
  expect((await client.getProposal(STORE, filed.key))!.proposal.body.title).toBe('Wiki *markup* stays text');
});

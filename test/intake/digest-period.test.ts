import { JiraClient } from '../../connectors/jira';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { execute } from '../support/subgraph';

/**
 * Query.digest's period on the projects subgraph: what happens inside [since, until) is in it, what happened
 * before is not. A report worse than the one before is a health change; a GREEN one is only a report filed.
 */

const data = generateDataset({ anchor: new Date() });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());

const options = { ...loadProjectsOptions({}), now: () => new Date() };
const run = async (query: string, variables: Record<string, unknown> = {}) => execute(await createProjectsSubgraph(new JiraClient(simulatorConfig('jira', sim.url)), options), query, variables);

const DIGEST = `query($since: DateTime, $until: DateTime) { digest(since: $since, until: $until) {
  since until
  healthChanges { project { key } from to reasons report { id } }
  reportsFiled { project { key } report { id overall } }
  overrides { project { key } overall reason }
  intakeDecisions { proposal { key } outcome rationale }
  proposalsSubmitted { key }
  intakeByState { state count }
} }`;

test('the period holds the reports, overrides and intake decisions made in it, and a worsening report is a health change', async () => {
  const latest = (key: string) => data.projects.find((p) => p.key === key)!.statusReports.at(-1)?.overall;
  const [worse, steady] = data.projects.filter((p) => p.phase === 'EXECUTING' && latest(p.key) === 'GREEN');
  const since = new Date(Date.now() - 60_000).toISOString();

  const before = await run(DIGEST, { since, until: new Date(Date.now() + 3_600_000).toISOString() });
  expect(before.errors).toBeUndefined();
  expect(before.data!.digest.reportsFiled).toEqual([]);
  expect(before.data!.digest.intakeDecisions).toEqual([]);

  const file = (key: string, overall: string, summary: string) =>
    run(`mutation($key: String!, $input: StatusReportInput!) { submitStatusReport(projectKey: $key, input: $input) { id } }`, {
      key,
      input: { overall, schedule: overall, summary, keyIssues: 'Vendor patch late.' },
    });
  const red = await file(worse.key, 'RED', 'Go-live at risk.');
  expect(red.errors).toBeUndefined();
  await file(steady.key, 'GREEN', 'On track.');
  const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  expect((await run(`mutation($key: String!) { overrideHealth(projectKey: $key, input: { overall: AMBER, reason: "Recovery agreed", expires: "${expires}" }) { key } }`, { key: steady.key })).errors).toBeUndefined();
  const inReview = (await run('{ proposals(filter: { state: [IN_REVIEW] }) { edges { node { key } } } }')).data!.proposals.edges[0].node.key;
  expect((await run(`mutation($key: String!) { decideProposal(key: $key, input: { outcome: DEFER, rationale: "Next year" }) { key } }`, { key: inReview })).errors).toBeUndefined();
  const filed = await run('mutation { submitProposal(input: { title: "Print kiosks" }) { key } }');

  const after = await run(DIGEST, { since, until: new Date(Date.now() + 3_600_000).toISOString() });
  expect(after.errors).toBeUndefined();
  const d = after.data!.digest;
  expect(d.healthChanges).toEqual([
    { project: { key: worse.key }, from: 'GREEN', to: 'RED', reasons: ['Reported schedule RED', 'Go-live at risk.', 'Vendor patch late.'], report: { id: red.data!.submitStatusReport.id } },
  ]);
  expect(d.reportsFiled.map((r: any) => [r.project.key, r.report.overall]).sort()).toEqual([[steady.key, 'GREEN'], [worse.key, 'RED']].sort());
  expect(d.overrides).toEqual([{ project: { key: steady.key }, overall: 'AMBER', reason: 'Recovery agreed' }]);
  expect(d.intakeDecisions).toEqual([{ proposal: { key: inReview }, outcome: 'DEFER', rationale: 'Next year' }]);
  expect(d.proposalsSubmitted).toEqual([{ key: filed.data!.submitProposal.key }]);
  expect(d.intakeByState.reduce((n: number, s: any) => n + s.count, 0)).toBe(22);

  // The same things are outside a period that ended before them.
  const earlier = await run(DIGEST, { until: since });
  expect(earlier.data!.digest.reportsFiled.map((r: any) => r.report.id)).not.toContain(red.data!.submitStatusReport.id);
  expect(earlier.data!.digest.intakeDecisions.map((x: any) => x.proposal.key)).not.toContain(inReview);
});

test('a period must run forwards and span at most a year', async () => {
  const now = Date.now();
  for (const [since, until] of [[now, now - 1], [now - 400 * 86_400_000, now]]) {
    const result = await run(DIGEST, { since: new Date(since).toISOString(), until: new Date(until).toISOString() });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });
  }
});

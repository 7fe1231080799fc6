import { JiraClient } from '../../connectors/jira';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { execute } from '../support/subgraph';

/** Query.portfolioRanking over the demo backlog: order, ties, near ties, and the active projects beside them. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());

const options = { ...loadProjectsOptions({}), now: () => new Date('2026-11-26T23:59:59.999Z') };
const subgraph = () => createProjectsSubgraph(new JiraClient(simulatorConfig('jira', sim.url)), options);

const RANKING = `{ portfolioRanking {
  asOf criteriaVersion
  proposals { rank score spread consensus tie tiedWith nearTie nearTieWith proposal { key title state score project { key phase } } }
  unscored { key }
  activeProjects { priority phase project { key } }
} }`;

test('proposals in review and approved-not-started are ranked by score with ties and near ties marked', async () => {
  sim.reset();
  const { data: result, errors } = await execute(await subgraph(), RANKING);
  expect(errors).toBeUndefined();
  const ranking = result!.portfolioRanking;
  const rows: any[] = ranking.proposals;
  expect(rows.length).toBeGreaterThanOrEqual(8);
  for (const row of rows) {
    expect(['IN_REVIEW', 'APPROVED']).toContain(row.proposal.state);
    expect(row.proposal.score).toBe(row.score);
    if (row.proposal.state === 'APPROVED') expect(row.proposal.project === null || row.proposal.project.phase === 'INITIATING').toBe(true);
  }
  // Highest first; equal scores share the rank of the first of them.
  rows.forEach((row, i) => {
    if (i > 0) expect(row.score).toBeLessThanOrEqual(rows[i - 1].score);
    expect(row.rank).toBe(rows.findIndex((r) => r.score === row.score) + 1);
    expect(row.tie).toBe(rows.some((r) => r !== row && r.score === row.score));
    // A near tie is a neighbour whose gap is within half the mean of the two spreads.
    const near = [rows[i - 1], rows[i + 1]].filter((n) => n && n.score !== row.score && Math.abs(n.score - row.score) <= (n.spread + row.spread) / 4);
    expect(row.nearTieWith).toEqual(near.map((n) => n.proposal.key));
  });
  // The demo has one exact tie (two proposals every reviewer scored alike) and at least one near tie.
  const sso = rows.find((r) => r.proposal.title.startsWith('Single sign-on'));
  const a11y = rows.find((r) => r.proposal.title.startsWith('Accessibility'));
  expect(sso.score).toBe(65);
  expect(sso.tiedWith).toEqual([a11y.proposal.key]);
  expect(rows.some((r) => r.nearTie)).toBe(true);

  const active: any[] = ranking.activeProjects;
  expect(active.map((a) => a.project.key).sort()).toEqual(data.projects.filter((p) => p.phase !== 'CLOSED').map((p) => p.key).sort());
  active.forEach((a, i) => {
    if (i > 0) expect(a.priority).toBeGreaterThanOrEqual(active[i - 1].priority);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JiraClient } from '../../connectors/jira';
import { simulatorConfig } from '../../bin/stack';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { DEMO_CRITERIA, DEMO_CRITERIA_VERSION, generateIntakeBacklog } from '../../simulators/data/intake';
import { jiraSimulator } from '../../simulators/jira';
import type { Caller } from '../../subgraphs/common/caller';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { DEFAULT_CRITERIA } from '../../subgraphs/projects/intake/criteria';
import { execute } from '../support/subgraph';

/**
 * Intake end to end on the projects subgraph against the Jira simulator: filing, the required-fields gate,
 * three reviewers scoring at once, the score and consensus against a hand computation of the published
 * formula, a decision with its history, and the link to the delivering project.
 */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());

const options = { ...loadProjectsOptions({}), now: () => new Date('2026-11-26T12:00:00.000Z') };
const subgraph = () => createProjectsSubgraph(new JiraClient(simulatorConfig('jira', sim.url)), options);
const person = (email: string, scopes: string[]): Caller => ({ subject: `sub-${email}`, email, kind: 'user', scopes });
const run = async (query: string, variables: Record<string, unknown>, caller: Caller) => execute(await subgraph(), query, variables, caller);

const requester = person('noah.patel@northfield.edu', []);
const reviewers = [
  person('aisha.haddad@northfield.edu', ['intake:review']),
  person('kofi.lopez@northfield.edu', ['intake:review']),
  person('vera.haddad@northfield.edu', ['intake:review']),
];
const pmo = person('sofia.young@northfield.edu', ['intake:review']);
const admin = person('sofia.schmidt@northfield.edu', ['portfolio:admin']);

const PROPOSAL = `key state missingFields score
  history { from to by note }
  decision { outcome rationale by at }
  scorecards { reviewerId total scores { criterion score comment } }
  assessment { score reviewerCount consensus criteria { criterion { id weight inverted } median min max spread consensus reviewerCount } }
  project { key }`;

test('the published criteria are the default weights with five anchors each', async () => {
  const { data: result, errors } = await run('{ intakeCriteria { version formula criteria { id weight inverted anchors } } }', {}, requester);
  expect(errors).toBeUndefined();
  expect(result!.intakeCriteria.version).toBe(DEFAULT_CRITERIA.version);
  expect(result!.intakeCriteria.criteria.map((c: any) => [c.id, c.weight, c.inverted])).toEqual([
    ['strategicAlignment', 30, false],
    ['valueBenefit', 25, false],
    ['urgencyCompliance', 20, false],
    ['risk', 15, true],
    ['effort', 10, true],
  ]);
  for (const c of result!.intakeCriteria.criteria) expect(c.anchors).toHaveLength(5);
});

test('the README publishes the same criteria, and the demo scorecards use them', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  for (const c of DEFAULT_CRITERIA.criteria) {
    const row = `| ${c.name} (\`${c.id}\`) | ${c.weight} | ${c.inverted ? 'yes: 6 − score' : 'no'} | ${c.anchors.map((a, i) => `${i + 1} ${a}`).join('<br>')} |`;
    expect(readme).toContain(row);
  }
  expect(DEMO_CRITERIA).toEqual(DEFAULT_CRITERIA.criteria.map((c) => c.id));
  expect(DEMO_CRITERIA_VERSION).toBe(DEFAULT_CRITERIA.version);
});

test('the demo backlog has proposals in every state, and the intake project is not in the portfolio', async () => {
  const backlog = generateIntakeBacklog(data);
  const { data: result, errors } = await run('{ proposals(first: 100) { totalCount edges { node { key state } } } projects(first: 200) { edges { node { key } } } project(key: "INTAKE") { key } }', {}, requester);
  expect(errors).toBeUndefined();
  expect(result!.proposals.totalCount).toBe(backlog.length);
  expect(backlog.length).toBeGreaterThanOrEqual(15);
  expect(new Set(result!.proposals.edges.map((e: any) => e.node.state))).toEqual(new Set(['SUBMITTED', 'SCREENING', 'IN_REVIEW', 'APPROVED', 'REJECTED', 'DEFERRED']));
  expect(result!.projects.edges.map((e: any) => e.node.key)).not.toContain('INTAKE');
  expect(result!.project).toBeNull();
});

test('a proposal is filed, gated on required fields, scored by three reviewers at once, decided, and its history reads back in order', async () => {
  const filed = await run(
    `mutation($input: ProposalInput!) { submitProposal(input: $input) { ${PROPOSAL} } }`,
    { input: { title: 'Lab booking system', problem: 'Labs are booked on paper.', estimatedCost: 80000, effortBand: 'M', requestingDepartment: 'Research Computing', strategicGoals: ['Research excellence'] } },
    requester,
  );
  expect(filed.errors).toBeUndefined();
  const key: string = filed.data!.submitProposal.key;
  expect(key).toMatch(/^INTAKE-\d+$/);
  expect(filed.data!.submitProposal).toMatchObject({ state: 'SUBMITTED', missingFields: ['sponsor', 'expectedBenefits'], score: null });

  const move = (to: string, caller: Caller) => run(`mutation($key: String!, $to: ProposalState!) { advanceProposal(key: $key, to: $to, note: "checked") { ${PROPOSAL} } }`, { key, to }, caller);
  expect((await move('SCREENING', requester)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await move('SCREENING', pmo)).data!.advanceProposal.state).toBe('SCREENING');
  const gated = await move('IN_REVIEW', pmo);
  expect(gated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', missingFields: ['sponsor', 'expectedBenefits'] });

  const updated = await run(
    `mutation($key: String!, $input: ProposalUpdateInput!) { updateProposal(key: $key, input: $input) { ${PROPOSAL} } }`,
    { key, input: { sponsorEmail: 'Ben.Kowalski@northfield.edu', expectedBenefits: 'Lab use visible; 30 % more bookings.' } },
    requester,
  );
  expect(updated.errors).toBeUndefined();
  expect(updated.data!.updateProposal.missingFields).toEqual([]);
  expect((await move('IN_REVIEW', pmo)).data!.advanceProposal.state).toBe('IN_REVIEW');

  // Raw scores on the anchored scales, criteria in published order: SA, VB, UC, risk (inverted), effort (inverted).
  const sheets = [
    [5, 4, 3, 2, 3],
    [4, 4, 5, 4, 2],
    [2, 5, 4, 3, 3],
  ];
  const ids = ['strategicAlignment', 'valueBenefit', 'urgencyCompliance', 'risk', 'effort'];
  const score = (caller: Caller, sheet: number[]) =>
    run(
      `mutation($key: String!, $input: ScorecardInput!) { scoreProposal(key: $key, input: $input) { key } }`,
      { key, input: { scores: sheet.map((s, i) => ({ criterion: ids[i], score: s, comment: s <= 2 ? 'Low, see the notes' : null })) } },
      caller,
    );
  expect((await score(requester, sheets[0])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const results = await Promise.all(reviewers.map((r, i) => score(r, sheets[i])));
  for (const r of results) expect(r.errors).toBeUndefined();

  const read = await run(`query($key: String!) { proposal(key: $key) { ${PROPOSAL} } }`, { key }, requester);
  expect(read.errors).toBeUndefined();
  const p = read.data!.proposal;
  expect(p.scorecards.map((c: any) => c.reviewerId).sort()).toEqual(reviewers.map((r) => r.email).sort());

  // By hand: medians SA 4, VB 4, UC 4, risk 3 → 6−3 = 3, effort 3 → 3.
  // 100 × (30·(4−1)/4 + 25·(4−1)/4 + 20·(4−1)/4 + 15·(3−1)/4 + 10·(3−1)/4) ÷ 100 = 22.5 + 18.75 + 15 + 7.5 + 5 = 68.75 → 68.8
  expect(p.score).toBe(68.8);
  expect(p.assessment.score).toBe(68.8);
  expect(p.assessment.reviewerCount).toBe(3);
  // Spreads: SA 5−2 = 3 LOW, VB 5−4 = 1 HIGH, UC 5−3 = 2 MEDIUM, risk 4−2 = 2 MEDIUM, effort 3−2 = 1 HIGH.
  expect(p.assessment.criteria.map((c: any) => [c.criterion.id, c.median, c.spread, c.consensus])).toEqual([
    ['strategicAlignment', 4, 3, 'LOW'],
    ['valueBenefit', 4, 1, 'HIGH'],
    ['urgencyCompliance', 4, 2, 'MEDIUM'],
    ['risk', 3, 2, 'MEDIUM'],
    ['effort', 3, 1, 'HIGH'],
  ]);
  expect(p.assessment.consensus).toBe('LOW');
  // Each reviewer's own total: R1 30·1 + 25·.75 + 20·.5 + 15·.75 + 10·.5 = 75.0; R2 22.5 + 18.75 + 20 + 3.75 + 7.5 = 72.5; R3 7.5 + 25 + 15 + 7.5 + 5 = 60.0
  const totals = Object.fromEntries(p.scorecards.map((c: any) => [c.reviewerId, c.total]));
  expect(totals).toEqual({ [reviewers[0].email!]: 75, [reviewers[1].email!]: 72.5, [reviewers[2].email!]: 60 });

  // Re-scoring replaces only that reviewer's card.
  await score(reviewers[2], [4, 5, 4, 3, 3]);
  const rescored = await run(`query($key: String!) { proposal(key: $key) { ${PROPOSAL} } }`, { key }, requester);
  expect(rescored.data!.proposal.scorecards).toHaveLength(3);
  expect(rescored.data!.proposal.assessment.criteria[0]).toMatchObject({ median: 4, spread: 1, consensus: 'HIGH' });

  const delivering = data.projects.find((pr) => pr.phase === 'INITIATING' && !generateIntakeBacklog(data).some((b) => b.projectKey === pr.key))!;
  const decide = (caller: Caller) =>
    run(`mutation($key: String!, $input: DecisionInput!) { decideProposal(key: $key, input: $input) { ${PROPOSAL} } }`, { key, input: { outcome: 'APPROVE', rationale: 'Strong case; funded from the research budget.', projectKey: delivering.key } }, caller);
  expect((await decide(reviewers[0])).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const decided = await decide(admin);
  expect(decided.errors).toBeUndefined();
  const d = decided.data!.decideProposal;
  expect(d.state).toBe('APPROVED');
  expect(d.decision).toMatchObject({ outcome: 'APPROVE', rationale: 'Strong case; funded from the research budget.', by: admin.email, at: '2026-11-26T12:00:00.000Z' });
  expect(d.history.map((h: any) => [h.from, h.to, h.by])).toEqual([
    [null, 'SUBMITTED', requester.email],
    ['SUBMITTED', 'SCREENING', pmo.email],
    ['SCREENING', 'IN_REVIEW', pmo.email],
    ['IN_REVIEW', 'APPROVED', admin.email],
  ]);
  expect(d.project).toEqual({ key: delivering.key });

  const origin = await run(`query($k: String!) { project(key: $k) { origin { key state } } }`, { k: delivering.key }, requester);
  expect(origin.data!.project.origin).toEqual({ key, state: 'APPROVED' });

  // Decided: no more edits, no second decision.
  const late = await run(`mutation($key: String!) { updateProposal(key: $key, input: { title: "Changed" }) { key } }`, { key }, requester);
  expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect((await decide(admin)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

test('bad input is BAD_USER_INPUT naming the field, never a crash', async () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['mutation { submitProposal(input: { title: "  " }) { key } }', {}],
    ['mutation { submitProposal(input: { title: "x", sponsorEmail: "not-an-email" }) { key } }', {}],
    ['mutation { submitProposal(input: { title: "x", targetQuarter: "next year" }) { key } }', {}],
    ['mutation { submitProposal(input: { title: "x", estimatedCost: -5 }) { key } }', {}],
    ['{ proposal(key: "not a key") { key } }', {}],
  ];
  for (const [query] of cases) {
    const result = await run(query, {}, requester);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
  expect((await run('{ proposal(key: "SOC-1") { key } }', {}, requester)).data!.proposal).toBeNull();
  const inReview = (await run('{ proposals(filter: { state: [IN_REVIEW] }) { edges { node { key } } } }', {}, requester)).data!.proposals.edges[0].node.key;
  const partial = await run(`mutation($key: String!) { scoreProposal(key: $key, input: { scores: [{ criterion: "risk", score: 9 }] }) { key } }`, { key: inReview }, reviewers[0]);
  expect(partial.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scores[0].score' });
});

import { JiraClient } from '../../connectors/jira';
import { simulatorConfig } from '../../bin/stack';
import type { Caller } from '../../subgraphs/common/caller';
import { startSimulator, type RunningSimulator } from '../../simulators/common/server';
import { generateDataset } from '../../simulators/data/dataset';
import { jiraSimulator } from '../../simulators/jira';
import { createProjectsSubgraph } from '../../subgraphs/projects';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { execute } from '../support/subgraph';

/** overrideHealth in-process against the Jira simulator: who may set it, and what Jira then holds. */

const data = generateDataset({ anchor: new Date('2026-11-26T00:00:00Z') });
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator(jiraSimulator(data));
});
afterAll(() => sim.close());

const options = { ...loadProjectsOptions({}), now: () => new Date('2026-11-26T12:00:00Z') };
const subgraph = () => createProjectsSubgraph(new JiraClient(simulatorConfig('jira', sim.url)), options);
const person = (id: string) => data.people.find((p) => p.scimId === id)!;
const user = (email: string, scopes: string[] = ['status:write']): Caller => ({ subject: `sub-${email}`, email, scopes, kind: 'user' });

const project = data.projects.find((p) => p.phase === 'EXECUTING' && !person(p.leadId).jiraEmailHidden)!;
const lead = person(project.leadId).email.toLowerCase();
const OVERRIDE = `mutation($key: String!) { overrideHealth(projectKey: $key, input: { overall: AMBER, reason: "Known: vendor patch Monday", expires: "2026-12-03" }) { key } }`;
const READ = `query($key: String!) { project(key: $key) { health { overall override { author reason expires active } reasons { source } } } }`;

test("the project's lead may override; the override is kept in Jira and wins", async () => {
  const set = await execute(await subgraph(), OVERRIDE, { key: project.key }, user(lead));
  expect(set.errors).toBeUndefined();
  const read = await execute(await subgraph(), READ, { key: project.key });
  expect(read.data!.project.health).toMatchObject({
    overall: 'AMBER',
    override: { author: lead, reason: 'Known: vendor patch Monday', expires: '2026-12-03', active: true },
  });
  expect(read.data!.project.health.reasons[0].source).toBe('PM_OVERRIDE');
});

test('someone else without portfolio:admin is FORBIDDEN; portfolio:admin may override any project', async () => {
  const other = data.people.find((p) => p.email.toLowerCase() !== lead)!.email.toLowerCase();
  const denied = await execute(await subgraph(), OVERRIDE, { key: project.key }, user(other));
  expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const service = await execute(await subgraph(), OVERRIDE, { key: project.key }, { subject: 'apikey:bi', scopes: ['status:write'], kind: 'service' });
  expect(service.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const admin = await execute(await subgraph(), OVERRIDE, { key: project.key }, user(other, ['portfolio:admin']));
  expect(admin.errors).toBeUndefined();
});

test('an unknown project is BAD_USER_INPUT, never a crash', async () => {
  const result = await execute(await subgraph(), OVERRIDE, { key: 'NOPE' }, user(lead, ['portfolio:admin']));
  expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProjectsOptions } from '../../subgraphs/projects/config';
import { DEFAULT_CRITERIA } from '../../subgraphs/projects/intake/criteria';
import { scoreProposal } from '../../subgraphs/projects/intake/scoring';

/** PROJECTS_INTAKE_CRITERIA replaces the published criteria; a bad file stops start-up naming the variable. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'criteria-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
};

const anchors = ['one', 'two', 'three', 'four', 'five'];

test('a criteria file replaces the defaults, and the formula follows its weights', () => {
  const criteria = {
    version: '2027.1',
    publishedOn: '2027-01-15',
    criteria: [
      { id: 'value', name: 'Value', question: 'How much value?', weight: 3, inverted: false, anchors },
      { id: 'cost', name: 'Cost', question: 'How costly?', weight: 1, inverted: true, anchors },
    ],
  };
  const options = loadProjectsOptions({ PROJECTS_INTAKE_CRITERIA: file('ok.json', criteria), PROJECTS_INTAKE_PROJECT_KEY: 'ideas' });
  expect(options.intake.criteria).toEqual(criteria);
  expect(options.intake.store.projectKey).toBe('IDEAS');
  // value 5 → 1, cost 5 → 6 − 5 = 1 → 0: 100 × (3·1 + 1·0) ÷ 4 = 75.
  const card = { reviewer: 'a@x.edu', criteriaVersion: '2027.1', comment: null, scoredAt: '', scores: [{ criterion: 'value', score: 5, comment: null }, { criterion: 'cost', score: 5, comment: null }] };
  expect(scoreProposal(options.intake.criteria, [card]).score).toBe(75);
  expect(loadProjectsOptions({}).intake.criteria).toEqual(DEFAULT_CRITERIA);
});

test.each([
  ['not JSON', '{', /PROJECTS_INTAKE_CRITERIA: cannot read .* as JSON/],
  ['four anchors', { version: '1', publishedOn: '2027-01-01', criteria: [{ id: 'a', name: 'A', question: 'Q?', weight: 1, inverted: false, anchors: anchors.slice(0, 4) }] }, /PROJECTS_INTAKE_CRITERIA: criteria\.0\.anchors/],
  ['a zero weight', { version: '1', publishedOn: '2027-01-01', criteria: [{ id: 'a', name: 'A', question: 'Q?', weight: 0, inverted: false, anchors }] }, /criteria\.0\.weight/],
  ['duplicate ids', { version: '1', publishedOn: '2027-01-01', criteria: [1, 2].map(() => ({ id: 'a', name: 'A', question: 'Q?', weight: 1, inverted: false, anchors })) }, /unique/],
])('a file with %s stops start-up', (_label, content, message) => {
  expect(() => loadProjectsOptions({ PROJECTS_INTAKE_CRITERIA: file('bad.json', content) })).toThrow(message);
});

test('the intake project must be a key and not the reports project', () => {
  expect(() => loadProjectsOptions({ PROJECTS_INTAKE_PROJECT_KEY: 'no spaces' })).toThrow(/PROJECTS_INTAKE_PROJECT_KEY/);
  expect(() => loadProjectsOptions({ PROJECTS_INTAKE_PROJECT_KEY: 'PMO' })).toThrow(/must differ from PROJECTS_PMO_PROJECT_KEY/);
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOperations } from '../../apps/common/operations';
import { OPERATIONS_DIR, startStack, type Stack } from '../../bin/stack';
import { generateDataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

/**
 * GET /digest on the demo: the PDF's pages render (poppler's pdftoppm) and its text (pdftotext) carries the
 * graph's numbers; the Markdown and HTML say the same; bad parameters are 400s with a code, never a stack.
 */

jest.setTimeout(90_000);

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
let stack: Stack;
let origin: string;
let graph: any;
let work: string;

beforeAll(async () => {
  stack = await startStack({ env: {}, ports: 'random', dataset: generateDataset({ anchor: new Date() }) });
  origin = new URL(stack.gateway.url).origin;
  const document = loadOperations(OPERATIONS_DIR).get('LeadershipDigest')!.document;
  const answer = await graphql(stack.gateway.url, document, {});
  expect(answer.errors).toBeUndefined();
  graph = (answer.data as any).digest;
  work = mkdtempSync(path.join(tmpdir(), 'digest-'));
}, 60_000);

afterAll(async () => {
  await stack?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The share of dark pixels in a binary greyscale PGM (P5, 8-bit): 0 for a blank page. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  expect(header).not.toBeNull();
  const [whole, width, height] = header!;
  const pixels = pgm.subarray(Buffer.byteLength(whole, 'latin1'));
  expect(pixels.length).toBe(Number(width) * Number(height));
  let dark = 0;
  for (const value of pixels) if (value < 160) dark++;
  return dark / pixels.length;
}

/** The figures a reader must find, straight from the graph's answer. */
function expectedLines(): string[] {
  const p = graph.portfolio;
  const rag = (r: string) => String(p.byHealth.find((h: any) => h.rag === r)?.overall ?? 0);
  const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
  const due = p.timeline.filter((t: any) => t.bucket !== 'OVERDUE').length;
  const missed = p.timeline.filter((t: any) => t.bucket === 'OVERDUE').length;
  const intake = graph.intakeByState.reduce((n: number, s: any) => n + s.count, 0);
  return [
    `${p.projectCount}\nProjects`,
    `${rag('RED')}\nRed`,
    `${rag('AMBER')}\nAmber`,
    `${rag('GREEN')}\nGreen`,
    `${graph.healthChanges.length}\nTurned red or amber`,
    `${due}\nMilestones due in 30 days`,
    `${missed}\nMilestones missed`,
    `${p.staleReports.length}\nStale reports`,
    `${graph.intakeDecisions.length}\nIntake decisions`,
    `${plural(p.projectCount, 'project')} in the portfolio.`,
    graph.reportsFiled.length ? `${plural(graph.reportsFiled.length, 'report')}.` : 'No status report was filed in the period.',
    `${plural(intake, 'proposal')} in intake.`,
  ];
}

test('the demo digest covers the period with data in every part', () => {
  expect(graph.portfolio.projectCount).toBeGreaterThan(0);
  expect(graph.reportsFiled.length).toBeGreaterThan(0);
  expect(graph.intakeDecisions.length).toBeGreaterThan(0);
  expect(graph.portfolio.timeline.length).toBeGreaterThan(0);
  expect(Date.parse(graph.until) - Date.parse(graph.since)).toBe(7 * 86_400_000);
});

test('GET /digest?format=pdf returns a PDF whose pages render and whose text carries the graph numbers', async () => {
  const response = await fetch(`${origin}/digest?format=pdf`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const pdf = Buffer.from(await response.arrayBuffer());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(work, 'digest.pdf');
  writeFileSync(file, pdf);
  mkdirSync(OUTPUT, { recursive: true });
  writeFileSync(path.join(OUTPUT, 'digest.pdf'), pdf);

  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThanOrEqual(2);
  // Each page rasterised to greyscale (binary PGM, read here): every page has ink on it.
  execFileSync('pdftoppm', ['-gray', '-r', '72', file, path.join(work, 'page')]);
  const images = readdirSync(work).filter((f) => f.startsWith('page') && f.endsWith('.pgm'));
  expect(images).toHaveLength(pages);
  for (const image of images) expect(inkShare(readFileSync(path.join(work, image)))).toBeGreaterThan(0.0002);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(OUTPUT, 'digest-page1')]);

  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  const flat = text.replace(/[ \t]+/g, ' ');
  for (const line of expectedLines()) expect(flat).toContain(line);
  for (const decision of graph.intakeDecisions) expect(flat).toContain(decision.proposal.key);
  for (const change of graph.healthChanges) expect(flat).toContain(change.project.key);
  for (const stale of graph.portfolio.staleReports) expect(flat).toContain(stale.project.key);
});

test('the Markdown and HTML digests carry the same numbers', async () => {
  const md = await (await fetch(`${origin}/digest?format=md`)).text();
  const html = await fetch(`${origin}/digest`);
  expect(html.headers.get('content-type')).toMatch(/^text\/html/);
  const page = await html.text();
  const p = graph.portfolio;
  expect(md).toContain(`**Projects:** ${p.projectCount}`);
  expect(md).toContain(`**Intake decisions:** ${graph.intakeDecisions.length}`);
  expect(page).toContain(`<li data-metric="Projects"><b>${p.projectCount}</b>Projects</li>`);
  expect(page).toContain(`<li data-metric="Stale reports"><b>${p.staleReports.length}</b>Stale reports</li>`);
  for (const line of expectedLines().slice(9)) {
    expect(md).toContain(line);
    expect(page).toContain(line);
  }
  for (const decision of graph.intakeDecisions) {
    expect(md).toContain(decision.proposal.key);
    expect(page).toContain(decision.proposal.key);
  }
  expect(page).not.toMatch(/<script/i);
});

test('a period of its own, and bad parameters are 400s with a code', async () => {
  const until = graph.until.slice(0, 10);
  const month = await fetch(`${origin}/digest?format=md&since=2000-01-01&until=${until}`);
  expect(month.status).toBe(400);
  expect((await month.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  const since = new Date(Date.parse(graph.until) - 30 * 86_400_000).toISOString().slice(0, 10);
  const thirty = await fetch(`${origin}/digest?format=md&since=${since}`);
  expect(thirty.status).toBe(200);
  expect(await thirty.text()).toContain(`# Portfolio digest: ${since} to`);
  for (const query of ['format=docx', 'since=yesterday', 'since=2026-13-01', 'since=2099-01-01']) {
    const response = await fetch(`${origin}/digest?${query}`);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|127\.0\.0\.1|node_modules/);
  }
});

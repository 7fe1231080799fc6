import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadOperations } from '../../apps/common/operations';
import { OPERATIONS_DIR, startStack, type Stack } from '../../bin/stack';
import { generateDataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

// A real browser on a shared 2-core machine: page loads can take far longer than the 30 s default under load.
jest.setTimeout(90_000);

/**
 * /digest as HTML in Debian's chromium: the headline shows the graph's numbers, the page has a heading per
 * section and loads nothing from anywhere, and printed to A4 (the browser's own print) it keeps its text.
 */

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
let stack: Stack;
let browser: Browser;
let work: string;

beforeAll(async () => {
  stack = await startStack({ env: {}, ports: 'random', dataset: generateDataset({ anchor: new Date() }) });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  work = mkdtempSync(path.join(tmpdir(), 'digest-print-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the HTML digest shows the graph numbers, requests nothing else, and prints to A4 with its text', async () => {
  const answer = await graphql<any>(stack.gateway.url, loadOperations(OPERATIONS_DIR).get('LeadershipDigest')!.document);
  expect(answer.errors).toBeUndefined();
  const digest = answer.data!.digest;

  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const origin = new URL(stack.gateway.url).origin;
  await page.goto(`${origin}/digest`);
  expect(requests).toEqual([`${origin}/digest`]);

  const metric = async (label: string) => Number(await page.locator(`[data-metric="${label}"] b`).innerText());
  expect(await metric('Projects')).toBe(digest.portfolio.projectCount);
  expect(await metric('Red')).toBe(digest.portfolio.byHealth.find((h: any) => h.rag === 'RED')?.overall ?? 0);
  expect(await metric('Stale reports')).toBe(digest.portfolio.staleReports.length);
  expect(await metric('Intake decisions')).toBe(digest.intakeDecisions.length);
  expect(await page.locator('h1').innerText()).toBe('Portfolio digest');
  expect(await page.locator('h2').count()).toBeGreaterThanOrEqual(10);
  expect(await page.locator('#intake tbody tr').count()).toBe(digest.intakeDecisions.length);
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: path.join(OUTPUT, 'digest-html.png') });

  await page.emulateMedia({ media: 'print' });
  const printed = await page.pdf({ format: 'A4', printBackground: true });
  const file = path.join(work, 'printed.pdf');
  writeFileSync(file, printed);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  expect(pages).toBeGreaterThanOrEqual(1);
  expect(/Page size:\s+595(\.\d+)? x 842/.test(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))).toBe(true);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  for (const d of digest.intakeDecisions) expect(text).toContain(d.proposal.key);
  expect(text).toContain(`${digest.portfolio.projectCount} projects in the portfolio.`);
});

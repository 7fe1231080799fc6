import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startStack, type Stack } from '../../bin/stack';
import { generateDataset } from '../../simulators/data/dataset';
import { graphql } from '../support/graphql';

// A real browser on a shared 2-core machine: page loads can take far longer than the 30 s default under load.
jest.setTimeout(90_000);

/**
 * /dashboard in Debian's chromium against a started stack: the numbers on the page are the graph's, the page
 * is usable from the keyboard, and a screenshot is kept under test-output/.
 */

const OUTPUT = path.join(__dirname, '..', '..', 'test-output');

const GRAPH = /* GraphQL */ `
  query {
    portfolio {
      projectCount
      byPhase { phase count }
      byHealth { rag overall }
      staleReports { project { key } }
      operations { openP1Incidents { number } }
      dataQuality { checks { check count } unknownTicketProjectKeys }
      timeline { milestone { name } }
    }
  }
`;

interface Graph {
  portfolio: {
    projectCount: number;
    byPhase: Array<{ phase: string | null; count: number }>;
    byHealth: Array<{ rag: string | null; overall: number }>;
    staleReports: unknown[];
    operations: Array<{ openP1Incidents: unknown[] }>;
    dataQuality: { checks: Array<{ check: string; count: number }>; unknownTicketProjectKeys: string[] };
    timeline: unknown[];
  };
}

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ env: {}, ports: 'random', dataset: generateDataset({ anchor: new Date() }) });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('the dashboard shows the portfolio numbers the graph answers', async () => {
  const expected = await graphql<Graph>(stack.gateway.url, GRAPH);
  expect(expected.errors).toBeUndefined();
  const p = expected.data!.portfolio;

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const origin = new URL(stack.gateway.url).origin;
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) elsewhere.push(request.url());
  });
  await page.goto(`${origin}/dashboard`);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  mkdirSync(OUTPUT, { recursive: true });
  // The first screen, as the README shows it (docs/dashboard.png is a copy).
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard-top.png') });

  const text = (selector: string) => page.locator(selector).first().innerText();
  expect(Number(await text('[data-metric="projects"]'))).toBe(p.projectCount);
  expect(Number(await text('[data-metric="stale"]'))).toBe(p.staleReports.length);
  expect(Number(await text('[data-metric="p1"]'))).toBe(p.operations.flatMap((o) => o.openP1Incidents).length);
  expect(Number(await text('[data-metric="red"]'))).toBe(p.byHealth.find((h) => h.rag === 'RED')!.overall);

  // The heat map's row totals are the graph's phase counts, its columns the graph's health counts.
  for (const { phase, count } of p.byPhase) expect(Number(await text(`[data-phase-total="${phase ?? 'NONE'}"]`))).toBe(count);
  for (const { rag, overall } of p.byHealth) {
    const cells = await page.locator(`td[data-rag="${rag ?? 'NONE'}"]`).allInnerTexts();
    expect(cells.reduce((sum, n) => sum + Number(n), 0)).toBe(overall);
  }
  for (const { check, count } of p.dataQuality.checks) expect(Number(await text(`[data-check="${check}"]`))).toBe(count);
  expect(await page.locator('#timeline tbody tr').count()).toBe(Math.max(1, p.timeline.length));
  // The charts are drawn from the same numbers (Chart.js, served by the app, not a CDN).
  const heatChart = await page.evaluate(() => {
    const chart = (window as unknown as { Chart: { getChart(id: string): { data: { datasets: Array<{ data: number[] }> } } } }).Chart.getChart('heat-chart');
    return chart.data.datasets.map((d) => d.data.reduce((a, b) => a + b, 0));
  });
  expect(heatChart).toEqual(p.byHealth.map((h) => h.overall));

  // Keyboard: the skip link is the first stop and lands on the dashboard; every control has a label.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the dashboard');
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select')].filter((c) => !(c as HTMLInputElement).labels?.length).length,
  );
  expect(unlabelled).toBe(0);

  // Offline: everything the page loads comes from the gateway itself.
  expect(elsewhere).toEqual([]);
  await page.screenshot({ path: path.join(OUTPUT, 'dashboard.png'), fullPage: true });

  // The phase filter goes back to the graph: only executing projects.
  await page.check('input[value="EXECUTING"]');
  await page.click('button[type="submit"]');
  await page.waitForFunction(
    (n) => document.querySelector('[data-metric="projects"]')?.textContent === String(n),
    p.byPhase.find((x) => x.phase === 'EXECUTING')!.count,
  );
  await page.close();
}, 60_000);

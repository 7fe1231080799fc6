import { chromium, type Browser } from 'playwright-core';
import { startStack, type Stack } from '../../bin/stack';
import { SAVED_OPERATIONS } from '../../gateway/explorer';

// A real browser on a shared 2-core machine: page loads can take far longer than the 30 s default under load.
jest.setTimeout(90_000);

/**
 * The explorer in a real browser (Debian chromium): offline (every request stays on the gateway), the saved
 * operations as tabs, one picked and run, its result shown.
 */

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ env: {}, ports: 'random' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('an analyst opens the explorer, picks a saved operation, runs it and sees its result', async () => {
  const page = await browser.newPage();
  const origin = new URL(stack.gateway.url).origin;
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) elsewhere.push(request.url());
  });
  await page.goto(stack.gateway.url);

  const tabs = page.locator('.graphiql-tab');
  await tabs.nth(SAVED_OPERATIONS.length - 1).waitFor();
  expect(await tabs.count()).toBe(SAVED_OPERATIONS.length);
  expect(await page.locator('#auth-hint').innerText()).toContain('npm run token');

  await tabs.filter({ hasText: 'ExplorerProjectDetail' }).click();
  expect(await page.locator('.graphiql-query-editor').innerText()).toContain('query ExplorerProjectDetail');
  // GraphiQL takes the tab's operation name from its parse of the editor, a moment after the switch; running
  // before that sends the previous tab's name. Its saved tab state says when it has caught up.
  await page.waitForFunction(() =>
    Object.keys(localStorage)
      .filter((key) => key.endsWith('graphiql:tabState'))
      .some((key) => {
        const state = JSON.parse(localStorage.getItem(key) ?? '{}');
        return state.tabs?.[state.activeTabIndex]?.operationName === 'ExplorerProjectDetail';
      }),
  );
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.getByText('Digital Accessibility Remediation').first().waitFor();
  expect(await result.innerText()).toContain('"key": "ACCESS"');
  expect(elsewhere).toEqual([]);

  // A reload keeps the analyst's tabs (GraphiQL's local storage, namespaced by the saved operations' version).
  await page.reload();
  await tabs.nth(SAVED_OPERATIONS.length - 1).waitFor();
  expect(await tabs.count()).toBe(SAVED_OPERATIONS.length);
  expect(await page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('pmo-graph:')))).toBe(true);
  await page.close();
});

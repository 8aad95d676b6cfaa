/**
 * GraphiQL in real headless Chromium with every non-loopback request blocked: the page loads from the
 * server alone (no CDN), shows the example tabs, runs the first example and shows its result, then
 * runs the @defer tab and shows the deferred fields merged into the result, then the tabs of
 * knownFollowers, the list filters, rateLimit and official-account administration, then the
 * subscription tab, whose counts move when someone follows alice; a native `EventSource` in the page
 * gets the same subscription over GET.
 * CI installs Debian's chromium (.ci/run); without it this test fails, it does not skip.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_QUERIES } from '../../src/server/graphiql.js';
import { type ServerHarness, startServer } from '../support/serverHarness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = new URL('../../.tmp/graphiql.png', import.meta.url).pathname;

let h: ServerHarness;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  h = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('GraphiQL', () => {
  it('loads offline, runs an example query and shows the result', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    await page.route('**', (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === 'blob:' || url.protocol === 'data:' || url.hostname === '127.0.0.1')
        return route.continue();
      blocked.push(url.href);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const response = await page.goto(h.url, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // The example tabs are there, the first one selected.
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 20_000 }).toBe(Object.keys(EXAMPLE_QUERIES).length);
    await page.locator('.graphiql-query-editor').waitFor({ timeout: 20_000 });

    // The headers editor holds the dev example header.
    await page.getByText('Headers', { exact: true }).click();
    await expect
      .poll(() => page.locator('.graphiql-editor-tool').innerText(), { timeout: 10_000 })
      .toContain('x-user-id');

    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    const editor = page.locator('.graphiql-query-editor');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('totalCount');
    const text = await result.innerText();
    expect(text).toContain('"alice"');
    expect(text).toMatch(/"totalCount":\s*250\b/); // the editor renders non-breaking spaces

    // The fifth tab refetches by Node id with @defer: the deferred counts arrive in the same result
    // (the result editor renders only its visible lines: the first ones are checked).
    const openTab = (name: keyof typeof EXAMPLE_QUERIES) =>
      // A click event on the tab's title button: with this many tabs the strip's drag-to-reorder layer
      // takes the pointer, and a mouse click there does not switch tabs.
      tabs
        .nth(Object.keys(EXAMPLE_QUERIES).indexOf(name))
        .locator('.graphiql-tab-button')
        .dispatchEvent('click');
    await openTab('refetchDeferred');
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 10_000 })
      .toContain('RefetchDeferred');
    // Put the cursor in the operation, so GraphiQL picks it (not the previous tab's operation name).
    await page.locator('.graphiql-query-editor').getByText('RefetchDeferred').click();
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toContain('"news"');
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/"totalCount":\s*\d+/);
    expect(await result.innerText()).toContain('"@TOA#_news"');

    // The tabs of knownFollowers, the filters, rateLimit (a dry run) and official-account
    // administration (with the admin role in that tab's headers) run and show their answers.
    const runTab = async (name: keyof typeof EXAMPLE_QUERIES, operation: string, expected: RegExp) => {
      await openTab(name);
      await expect.poll(() => editor.innerText(), { timeout: 10_000 }).toContain(operation);
      await editor.getByText(operation, { exact: true }).first().click();
      await page.locator('.graphiql-execute-button').click();
      // With several operations GraphiQL may ask which one to run.
      const choice = page.getByRole('menuitem', { name: operation });
      if (await choice.isVisible({ timeout: 1000 }).catch(() => false)) await choice.click();
      await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(expected);
      expect(await result.innerText()).not.toContain('"errors"');
    };
    await runTab('knownFollowers', 'KnownFollowers', /"knownFollowers"/);
    await runTab('filters', 'FollowBack', /"followsBack"/);
    await runTab('rateLimit', 'Price', /"withinBudget":\s*false/);
    await runTab('officialAccountAdmin', 'CreateAccount', /"GraphiQL\sWeekly"/);

    // The last tab subscribes to alice's counts: the first message at once, the next when she gains a
    // follower (through the API, so no webhook is needed).
    const fan = { 'x-user-id': 'user_200' };
    const follow = (field: 'followUsers' | 'unfollowUsers') =>
      h.post({ query: `mutation { ${field}(input: { userIds: ["alice"] }) { succeededCount } }` }, fan);
    await follow('unfollowUsers');
    await openTab('liveCounts');
    await expect
      .poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 10_000 })
      .toContain('AliceCounts');
    await page.locator('.graphiql-query-editor').getByText('AliceCounts').click();
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/"followers":\s*\d+/);
    const followersShown = async () => Number(/"followers":\s*(\d+)/.exec(await result.innerText())?.[1]);
    const before = await followersShown();
    expect((await follow('followUsers')).json.errors).toBeUndefined();
    await expect.poll(followersShown, { timeout: 10_000 }).toBe(before + 1);
    await page.locator('.graphiql-execute-button').click(); // stops the subscription

    // A browser's own EventSource (GET, no headers it could add) gets the same subscription.
    const firstMessage = await page.evaluate(async (query) => {
      const source = new EventSource(`/graphql?query=${encodeURIComponent(query)}`);
      try {
        return await new Promise<string>((resolve, reject) => {
          source.addEventListener('next', (event) => resolve((event as MessageEvent<string>).data));
          source.onerror = () => reject(new Error('EventSource failed'));
        });
      } finally {
        source.close();
      }
    }, 'subscription { followCounts(userId: "alice") { followers } }');
    expect(JSON.parse(firstMessage)).toEqual({ data: { followCounts: { followers: before + 1 } } });
    await follow('unfollowUsers');

    mkdirSync(new URL('../../.tmp/', import.meta.url).pathname, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 60_000);
});

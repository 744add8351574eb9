// The web app under a path prefix, as behind a proxy that forwards /tend/ (tend serve
// --base-path /tend). Run by tests/integration/web_basepath_test.py with TEND_URL ending in
// the prefix; every request the app makes must stay under it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Account360Page, AccountsPage, BASE, DashboardPage, launch, screenshot, signedIn, tid } from './pages.mjs';
import { T } from './selectors.mjs';

const prefix = new URL(BASE).pathname.replace(/\/$/, '');
let browser;

before(async () => {
  assert.ok(prefix.length > 1, `TEND_URL (${BASE}) has no path prefix`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('sign in, dashboard, accounts and a deep link all work under the prefix', async (t) => {
  const { context, page, api, errors } = await signedIn(browser, 'admin');
  t.after(() => context.close());
  const outside = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === new URL(BASE).origin && !u.pathname.startsWith(`${prefix}/`)) outside.push(u.pathname);
  });
  // Signed in: the app left "Loading tend…" and the router works under the prefix (the
  // dashboard is the prefix itself: /tend, which the server redirects to /tend/ on a load).
  const under = (p) => p === prefix || p.startsWith(`${prefix}/`);
  assert.ok(under(new URL(page.url()).pathname), page.url());
  const dash = new DashboardPage(page);
  await dash.open();
  assert.ok([prefix, `${prefix}/`].includes(new URL(page.url()).pathname), page.url());
  await page.click(tid(T.navAccounts));
  const list = new AccountsPage(page);
  await list.waitLoaded();
  assert.equal(new URL(page.url()).pathname, `${prefix}/accounts`);
  const first = await api.get('/api/accounts?limit=1');
  const id = first.accounts[0].account_id;
  // A deep link loaded afresh (as a bookmark would be): the index, its assets, the API.
  const c360 = new Account360Page(page);
  await c360.open(id);
  assert.equal(new URL(page.url()).pathname, `${prefix}/accounts/${encodeURIComponent(id)}`);
  await page.reload();
  await page.waitForSelector(tid(T.accountHealth));
  await screenshot(page, 'base-path-360');
  // The session cookie belongs to the prefix.
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'tend_session');
  assert.equal(session?.path, `${prefix}/`);
  assert.deepEqual(outside, [], `requests outside ${prefix}/: ${outside.join(', ')}`);
  assert.deepEqual(errors, []);
});

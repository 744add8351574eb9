// Browser tests of the voice of the customer against a real `tend serve` (no API mocks):
// a CSM logs a request heard on a call from the Customer 360, a product user finds it on the
// Requests page and marks it shipped, and the CSM sees the product_update CTA on the
// account. Run with the other files by tests/integration/web_ui_test.py, or by hand:
//   TEND_URL=http://127.0.0.1:8080 TEND_PASSWORD=... node --test e2e/feedback.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE, launch, screenshot, signedIn, tid, waitFor } from './pages.mjs';
import { T } from './selectors.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function session(role, t) {
  const s = await signedIn(browser, role);
  t.after(async () => {
    await s.context.close();
  });
  return s;
}

const enc = encodeURIComponent;

test('a CSM logs a request from a call, product marks it shipped, the CSM sees the CTA', async (t) => {
  const csm = await session('csm', t);
  const me = (await csm.api.get('/api/me')).user;
  const { accounts } = await csm.api.get(`/api/accounts?csm=${enc(me.name)}&limit=5`);
  assert.ok(accounts.length > 0, `${me.name} has accounts`);
  const account = accounts[0];
  const title = `Bulk archive of old projects ${Date.now()}`;

  // The Customer 360's feedback tab: log what was heard on a call, as a new request.
  await csm.page.goto(`${BASE}/accounts/${enc(account.account_id)}?tab=feedback`);
  await csm.page.click(tid(T.logFeedback));
  await csm.page.selectOption(tid(T.feedbackSourceSelect), 'call');
  await csm.page.selectOption(tid(T.feedbackImportance), 'blocker');
  await csm.page.fill(tid(T.feedbackText), 'On the call: they need to archive hundreds of old projects at once');
  await csm.page.fill(tid(T.feedbackNewRequest), title);
  await csm.page.click(tid(T.feedbackSave));
  const item = csm.page.locator(tid(T.feedbackItem), { hasText: 'archive hundreds of old projects' });
  await item.waitFor();
  assert.match(await item.innerText(), new RegExp(title));
  await screenshot(csm.page, 'feedback-logged');

  // Product finds it on the Requests page and ships it.
  const pm = await session('product', t);
  await pm.page.click(tid(T.navProductRequests));
  await pm.page.waitForSelector(tid(T.productRequests));
  await pm.page.fill(tid(T.productRequestSearch), 'Bulk archive of old projects');
  const row = pm.page.locator(tid(T.productRequestRow), { hasText: title });
  await row.waitFor();
  assert.equal(await row.locator('[data-figure="accounts"]').innerText(), '1');
  await row.locator('a').click();
  await pm.page.waitForSelector(tid(T.productRequestFigures));
  assert.equal(await pm.page.locator(tid(T.productRequestAccount)).count(), 1);
  await pm.page.selectOption(tid(T.productRequestStatus), 'shipped');
  await pm.page.click(tid(T.productRequestSave));
  await waitFor('the request to be shipped', async () => (await pm.page.locator('.request-status[data-status="shipped"]').count()) > 0);
  // The product role sees no cockpit.
  assert.equal(await pm.page.locator(tid(T.navCockpit)).count(), 0);
  await screenshot(pm.page, 'feedback-request-shipped');

  // The CSM has one product_update CTA on the account.
  await csm.page.goto(`${BASE}/accounts/${enc(account.account_id)}?tab=ctas`);
  const cta = csm.page.locator('body', { hasText: `Request "${title}" is now shipped` });
  await cta.first().waitFor();
  const d = await csm.api.get(`/api/accounts/${enc(account.account_id)}`);
  const updates = d.ctas.open.filter((c) => c.type === 'product_update' && c.title.includes(title));
  assert.equal(updates.length, 1);
  assert.equal(updates[0].owner, me.name);
  await screenshot(csm.page, 'feedback-cta');
  assert.deepEqual(csm.errors, []);
  assert.deepEqual(pm.errors, []);
});

test('a survey comment, ticket or call becomes a feedback item in two clicks', async (t) => {
  const csm = await session('csm', t);
  const me = (await csm.api.get('/api/me')).user;
  const { accounts } = await csm.api.get(`/api/accounts?csm=${enc(me.name)}&limit=50`);
  let account = null;
  let source = null;
  for (const a of accounts) {
    const { sources } = await csm.api.get(`/api/accounts/${enc(a.account_id)}/feedback-sources`);
    source = sources.find((s) => !s.logged);
    if (source) {
      account = a;
      break;
    }
  }
  assert.ok(account, `an account of ${me.name} with a survey comment, ticket or call`);
  await csm.page.goto(`${BASE}/accounts/${enc(account.account_id)}?tab=feedback`);
  const row = csm.page.locator(tid(T.feedbackSource)).first();
  await row.waitFor();
  const before = (await csm.api.get(`/api/feedback?account_id=${enc(account.account_id)}`)).total;
  await row.locator(tid(T.makeFeedback)).click(); // one
  await csm.page.click(tid(T.feedbackSave)); // two
  await waitFor('the new feedback item', async () => (await csm.api.get(`/api/feedback?account_id=${enc(account.account_id)}`)).total === before + 1);
  const { items } = await csm.api.get(`/api/feedback?account_id=${enc(account.account_id)}`);
  const made = items.find((i) => i.source_ref);
  assert.ok(made, 'the item names its source');
  assert.equal(made.source, made.source_ref.startsWith('activity:') ? made.source : made.source_ref.split(':')[0]);
  await screenshot(csm.page, 'feedback-two-clicks');
  assert.deepEqual(csm.errors, []);
});

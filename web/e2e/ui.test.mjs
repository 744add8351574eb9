// Browser tests of the web app against a real `tend serve` (no API mocks), driven by
// playwright-core and Debian's chromium. Run by tests/integration/web_ui_test.py, which makes
// the workspace, one user per role and the server; or by hand:
//   TEND_URL=http://127.0.0.1:8080 TEND_PASSWORD=... node --test e2e/ui.test.mjs
// Each test saves a screenshot in $TEND_ARTIFACTS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  Account360Page,
  AccountsPage,
  BASE,
  CtaPage,
  DashboardPage,
  DefinitionsPage,
  launch,
  screenshot,
  signedIn,
  tid,
  waitFor,
} from './pages.mjs';
import { T } from './selectors.mjs';

const GREEN = '#2f9e5b'; // the chart color of green health (src/features/dashboard/links.ts)
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// One signed-in session per test; closed (and checked for page errors) at the end.
async function session(role, t) {
  const s = await signedIn(browser, role);
  t.after(async () => {
    await s.context.close();
  });
  return s;
}

test('log in, open the dashboard and follow a chart into the accounts list', async (t) => {
  const { page, api, errors } = await session('admin', t);
  const dash = new DashboardPage(page);
  await dash.open();
  const d = await api.get('/api/dashboard');
  // The dashboard's numbers are the API's.
  const keyText = await page.locator(tid(T.colorKey)).innerText();
  assert.match(keyText, new RegExp(`Green\\s+${d.by_color.green.toLocaleString('en-US')}`));
  await screenshot(page, 'dashboard');

  await dash.clickSegmentBar(GREEN);
  await page.waitForURL(/\/accounts\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('color'), 'green');
  const segment = url.searchParams.get('segment');
  assert.ok(segment, 'the chart link names the segment');
  const list = new AccountsPage(page);
  await list.waitLoaded();
  const fromApi = await api.get(`/api/accounts?color=green&segment=${encodeURIComponent(segment)}&limit=1`);
  const fromChart = d.by_segment.find((s) => s.segment === segment).green;
  await waitFor('the list total', async () => (await list.total()) === fromApi.total);
  assert.equal(fromApi.total, fromChart, 'the bar counts the accounts the list shows');
  const colors = await list.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-color')));
  assert.ok(colors.length > 0 && colors.every((c) => c === 'green'), `rows are green: ${colors}`);
  // The back button returns to the dashboard.
  await page.goBack();
  await page.waitForSelector(tid(T.dashboard));
  await page.goForward();
  await list.waitLoaded();
  await screenshot(page, 'accounts-from-chart');
  assert.deepEqual(errors, []);
});

test('a Customer 360 shows the health the API gives', async (t) => {
  const { page, api, errors } = await session('admin', t);
  await page.goto(`${BASE}/accounts?sort=overall&order=asc`);
  const list = new AccountsPage(page);
  await list.waitLoaded();
  const first = list.rows().first();
  const id = await first.getAttribute('data-account-id');
  await first.locator('a.row-link').click();
  await page.waitForURL(new RegExp(`/accounts/${id}$`));
  const c360 = new Account360Page(page);
  await page.waitForSelector(tid(T.scorecard));
  const a = (await api.get(`/api/accounts/${id}`)).account;
  assert.equal(await c360.health(), a.overall === null ? '—' : a.overall.toFixed(1));
  assert.equal(await page.locator(`${tid(T.accountHealth)}`).getAttribute('class'), `health health-${a.color ?? 'none'}`);
  assert.equal((await page.locator(tid(T.accountName)).innerText()).trim(), a.name);
  const measures = await page.locator(tid(T.measureRow)).count();
  assert.ok(measures > 0, 'the scorecard lists its measures');
  await screenshot(page, 'customer-360');
  assert.deepEqual(errors, []);
});

// A CTA of the CSM user's own accounts that still has open tasks.
async function csmCtaWithTasks(api) {
  const { ctas } = await api.get('/api/ctas?mine=true&limit=200');
  for (const c of ctas) {
    const d = await api.get(`/api/ctas/${c.cta_id}`);
    if (d.tasks.some((x) => x.status === 'open')) return d;
  }
  throw new Error('the CSM user owns no CTA with open tasks');
}

test('a CSM adds a timeline activity', async (t) => {
  const { page, api, errors } = await session('csm', t);
  const cta = await csmCtaWithTasks(api);
  const c360 = new Account360Page(page);
  await c360.open(cta.account_id, 'timeline');
  const subject = `E2E call ${Date.now()}`;
  await c360.addActivity('call', subject, 'Walked through the renewal plan.');
  const entry = page.locator(tid(T.timelineEntry)).filter({ hasText: subject });
  await entry.waitFor();
  const tl = await api.get(`/api/accounts/${cta.account_id}/timeline?limit=5`);
  const saved = tl.entries.find((e) => e.subject === subject);
  assert.ok(saved, 'the activity is stored');
  assert.equal(saved.type, 'call');
  assert.equal(saved.notes, 'Walked through the renewal plan.');
  await screenshot(page, 'timeline-activity');
  assert.deepEqual(errors, []);
});

test('a CSM completes a playbook task and closes the CTA', async (t) => {
  const { page, api, errors } = await session('csm', t);
  const cta = await csmCtaWithTasks(api);
  await page.click(tid(T.navCockpit));
  const row = page.locator(`${tid(T.ctaRow)}[data-cta-id="${cta.cta_id}"]`);
  await row.locator('a').first().click();
  await page.waitForURL(new RegExp(`/cockpit/ctas/${cta.cta_id}$`));
  const detail = new CtaPage(page);
  const title = await detail.completeFirstOpenTask();
  await page.locator(tid(T.taskItem)).filter({ hasText: title }).and(page.locator('[data-status="done"]')).waitFor();
  let d = await api.get(`/api/ctas/${cta.cta_id}`);
  assert.equal(d.tasks.find((x) => x.title === title).status, 'done');

  await detail.close('success', 'Customer is back on track.');
  await waitFor('the CTA to show closed', async () => (await detail.status()) === 'closed');
  d = await api.get(`/api/ctas/${cta.cta_id}`);
  assert.equal(d.status, 'closed');
  assert.equal(d.close_reason, 'success');
  // Closed: no more work controls.
  assert.equal(await page.locator(tid(T.ctaClose)).count(), 0);
  await screenshot(page, 'cta-closed');
  assert.deepEqual(errors, []);
});

test('editing a rule shows its preview and errors at the right line', async (t) => {
  const { page, api, errors } = await session('ops', t);
  const defs = new DefinitionsPage(page);
  await defs.open();
  const original = await defs.editor().inputValue();
  const from = 'when: open_high_tickets >= 2';
  assert.ok(original.includes(from), 'the saas template has the ticket_escalation rule');
  const line = original.slice(0, original.indexOf(from)).split('\n').length;

  // Loosen the rule: the preview lists the accounts the new condition matches.
  await defs.editor().fill(original.replace(from, 'when: open_high_tickets >= 1'));
  await page.selectOption(tid(T.rulePicker), 'ticket_escalation');
  await waitFor('the picked rule\'s condition', async () => (await page.locator(tid(T.ruleCondition)).inputValue()) === 'open_high_tickets >= 1');
  const expected = (await api.call('POST', '/api/definitions/preview', { condition: 'open_high_tickets >= 1', limit: 1 })).body.matches;
  await waitFor('the preview count', async () => (await defs.previewCount()) === expected);
  const shown = await page.locator(`${tid(T.previewResult)} tbody tr`).count();
  assert.equal(shown, Math.min(expected, 200));
  await page.getByText('✓ Valid').waitFor();
  await screenshot(page, 'rule-preview');

  // A broken condition: the error names its line, and the gutter marks that line.
  await defs.editor().fill(original.replace(from, 'when: open_high_tickets >== 1'));
  const list = page.locator(tid(T.definitionsErrors));
  await list.waitFor();
  assert.match(await list.innerText(), new RegExp(`line ${line}, column \\d+`));
  const marked = await page.locator('.gutter-line.has-error').allInnerTexts();
  assert.deepEqual(marked.map((x) => x.replace(/\D/g, '')), [String(line)]);
  assert.ok(await page.locator(tid(T.applyDefinitions)).isDisabled(), 'invalid definitions cannot be applied');
  // Selecting the error puts the cursor on its line.
  await list.getByRole('button', { name: new RegExp(`line ${line},`) }).click();
  const cursorLine = await defs.editor().evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
  assert.equal(cursorLine, line);
  await screenshot(page, 'definitions-error');
  // Nothing was applied.
  const stored = await api.get('/api/definitions');
  assert.ok(stored.files[0].content.includes(from));
  assert.deepEqual(errors, []);
});

test('a score changes live after events arrive at /v1/track', async (t) => {
  const { page, api, errors } = await session('admin', t);
  const key = (await api.call('POST', '/api/writekeys', { name: 'e2e live' })).body.write_key;
  assert.ok(key, 'a write key');
  // An account with few active users: a dozen new users moves its score.
  const { accounts } = await api.get('/api/accounts?limit=60&sort=overall&order=asc');
  let target = null;
  for (const a of accounts) {
    const d = await api.get(`/api/accounts/${a.account_id}`);
    const m = d.scorecards[0]?.measures.find((x) => x.name === 'active_users');
    if (m && m.value !== null && m.value < 3) {
      target = d;
      break;
    }
  }
  assert.ok(target, 'an account with fewer than 3 active users');
  const id = target.account.account_id;
  const c360 = new Account360Page(page);
  await c360.open(id);
  const before = await c360.health();
  await waitFor('the event stream', async () => (await page.locator(tid(T.liveStatus)).innerText()).includes('Live'));

  const auth = 'Basic ' + Buffer.from(`${key}:`).toString('base64');
  const day = target.as_of;
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${BASE}/v1/track`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        userId: `e2e-user-${id}-${i}`,
        event: 'Report Exported',
        timestamp: `${day}T12:00:00Z`,
        context: { groupId: id },
        messageId: `e2e-${id}-${i}-${Date.now()}`,
      }),
    });
    assert.equal(res.status, 200, await res.text());
  }
  const after = (await api.get(`/api/accounts/${id}`)).account.overall.toFixed(1);
  assert.notEqual(after, before, 'the events changed the score');
  // No reload: the page shows the new score from the stream.
  await waitFor(`the 360 to show ${after}`, async () => (await c360.health()) === after);
  await screenshot(page, 'live-update');
  assert.deepEqual(errors, []);
});

test('a browser write key with its origins, trusted traits and the messages received, on the Write keys page', async (t) => {
  const { page, api, errors } = await session('admin', t);
  await page.goto(`${BASE}/admin/writekeys`);
  await page.fill('#key-name', 'e2e web');
  await page.fill('#key-origins', 'https://app.example.com, https://*.example.com');
  await page.click('button:has-text("Create write key")');
  const key = (await page.locator('.secret-value').innerText()).trim();
  assert.match(key, /^tendwk_/);
  const row = page.locator(`${tid(T.writeKeys)} tr`, { hasText: 'e2e web' });
  await waitFor('the new key', async () => (await row.innerText()).includes('https://*.example.com'));
  assert.match(await row.innerText(), /browser/);
  // Its origins edited away: a server key.
  await row.locator('button:has-text("Edit")').click();
  await row.locator('input').fill('');
  await row.locator('button:has-text("Save")').click();
  await waitFor('a server key', async () => /server/.test(await row.innerText()));
  // Trust arr for server keys, then take it back.
  const arr = page.locator(`${tid(T.trustedTraits)} label`, { hasText: 'arr' }).locator('input');
  // A controlled checkbox: it shows the state the server answered, so click and wait.
  await arr.click();
  await waitFor('arr trusted', async () => (await api.get('/api/writekeys/trusted-traits')).trusted_traits.includes('arr'));
  await waitFor('arr ticked', () => arr.isChecked());
  await arr.click();
  await waitFor('arr untrusted', async () => (await api.get('/api/writekeys/trusted-traits')).trusted_traits.length === 0);
  await waitFor('arr unticked', async () => !(await arr.isChecked()));
  // A message sent with the key shows in the list, with its account and properties.
  const { accounts } = await api.get('/api/accounts?limit=1');
  const res = await fetch(`${BASE}/v1/t`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain' },
    body: JSON.stringify({ writeKey: key, userId: 'e2e-wk-user', event: 'Key Checked', properties: { step: 'setup' }, context: { groupId: accounts[0].account_id } }),
  });
  assert.equal(res.status, 200, await res.text());
  await page.click('button:has-text("Refresh")');
  const msg = page.locator(`${tid(T.recentMessages)} tr`, { hasText: 'Key Checked' });
  await waitFor('the message', async () => (await msg.innerText()).includes(accounts[0].account_id));
  assert.match(await msg.innerText(), /"step":"setup"/);
  await screenshot(page, 'write-keys');
  assert.deepEqual(errors, []);
});

test('the models page shows the churn model, and a 360 its churn risk with reasons', async (t) => {
  const { page, api, errors } = await session('admin', t);
  const { models } = await api.get('/api/models');
  const churn = models.find((m) => m.target === 'churn');
  assert.ok(churn?.trained, 'web_ui_test.py trains the churn model');
  await page.click(tid(T.navModels));
  await page.waitForURL(/\/models$/);
  const card = page.locator(`${tid(T.modelCard)}[data-target="churn"]`);
  const auc = card.locator(`${tid(T.modelMetrics)} tr[data-metric="roc_auc"] td[data-model="xgboost"]`);
  await auc.waitFor();
  assert.equal((await auc.innerText()).trim(), churn.metrics.xgboost.roc_auc.toFixed(3));
  await card.locator(tid(T.modelCalibration)).waitFor();
  await card.locator(tid(T.modelBacktest)).click();
  await card.locator(tid(T.backtestResult)).waitFor({ timeout: 60000 });
  await screenshot(page, 'models');

  const { accounts } = await api.get('/api/accounts?sort=churn_risk&order=desc&limit=1');
  const id = accounts[0].account_id;
  const p = await api.get(`/api/accounts/${id}/predictions`);
  await new Account360Page(page).open(id);
  const risk = page.locator(tid(T.churnRisk));
  await risk.waitFor();
  const pct = p.churn.probability * 100;
  assert.ok((await risk.innerText()).includes(`${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`), 'the probability as a percentage');
  const reasons = risk.locator(tid(T.churnReason));
  assert.equal(await reasons.count(), 3);
  assert.match(await reasons.first().innerText(), /(raises|lowers) risk/);
  // The trend: one point per scoring (the test workspace was scored twice).
  const trend = risk.locator(tid(T.churnTrend));
  assert.equal(Number(await trend.getAttribute('data-points')), p.churn.trend.length);
  assert.ok(p.churn.trend.length >= 2, 'two scorings');
  assert.match(await trend.innerText(), /→ .*% now/);
  await screenshot(page, 'churn-risk');
  assert.deepEqual(errors, []);
});

test('a viewer sees no edit controls and the API refuses their changes', async (t) => {
  const { page, api, errors } = await session('viewer', t);
  assert.equal(await page.locator(tid(T.navAdmin)).count(), 0, 'no admin menu');
  const { ctas } = await api.get('/api/ctas?limit=1');
  const cta = ctas[0];
  const c360 = new Account360Page(page);
  await c360.open(cta.account_id, 'timeline');
  await page.waitForSelector(tid(T.timeline));
  assert.equal(await page.locator(tid(T.addActivity)).count(), 0, 'no "add activity"');
  await page.click(`[data-testid="tab-ctas"]`);
  await page.waitForSelector(tid(T.ctaList));
  assert.equal(await page.getByRole('button', { name: 'New CTA' }).count(), 0, 'no "new CTA"');
  const boxes = page.locator(tid(T.taskDone));
  for (let i = 0; i < (await boxes.count()); i++) assert.ok(await boxes.nth(i).isDisabled(), 'task boxes are read-only');
  await screenshot(page, 'viewer-360');

  await page.goto(`${BASE}/cockpit/ctas/${cta.cta_id}`);
  await page.waitForSelector(tid(T.ctaDetail));
  for (const id of [T.ctaClose, T.ctaSnooze, T.ctaAssign, T.commentText]) {
    assert.equal(await page.locator(tid(id)).count(), 0, `no ${id}`);
  }
  await page.goto(`${BASE}/admin/definitions`);
  await page.getByText('Not available').waitFor();

  // The API says no too, whatever the UI shows.
  const logged = await api.call('POST', `/api/accounts/${cta.account_id}/timeline`, { type: 'call', subject: 'not allowed' });
  assert.equal(logged.status, 403);
  assert.equal(logged.body.error.code, 'auth.forbidden');
  const closed = await api.call('POST', `/api/ctas/${cta.cta_id}/close`, { reason: 'success' });
  assert.equal(closed.status, 403);
  const applied = await api.call('PUT', '/api/definitions', { files: [] });
  assert.equal(applied.status, 403);
  await screenshot(page, 'viewer-refused');
  assert.deepEqual(errors, []);
});

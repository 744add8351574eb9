// Browser test of the Revenue page against a real `tend serve` (no API mocks): every retention
// figure and the renewal windows show what the API computes, the charts draw, and a renewal
// opens its account, whose Customer 360 revenue panel shows the API's ARR. Run by tests/integration/web_ui_test.py with the other e2e files, or:
//   TEND_URL=http://127.0.0.1:8080 TEND_PASSWORD=... node --test e2e/revenue.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, screenshot, signedIn, tid, waitFor } from './pages.mjs';
import { T } from './selectors.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The page's figure `testId`: its value text.
async function figure(page, testId) {
  return (await page.textContent(`${tid(testId)} .kpi-value`))?.trim();
}

test('the Revenue page shows the API figures and renewals', async (t) => {
  const { context, page, api, errors } = await signedIn(browser, 'ops');
  t.after(() => context.close());
  const m = await api.get('/api/revenue/metrics?trend=12');
  const due = await api.get('/api/revenue/renewals?within=180');
  assert.ok(m.figures.starting_arr > 0, 'the workspace has ARR a year ago');
  await page.click(tid(T.navRevenue));
  await page.waitForSelector(tid(T.revenueGrr));
  // Money and ratios formatted the way the page does, in the browser's locale.
  const money = (n) =>
    page.evaluate((v) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(v), n);
  const int = (n) => page.evaluate((v) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(v), n);
  const ratio = (r) => `${(100 * r).toFixed(1)}%`;
  const f = m.figures;
  assert.equal(await figure(page, T.revenueGrr), ratio(f.grr));
  assert.equal(await figure(page, T.revenueNrr), ratio(f.nrr));
  assert.equal(await figure(page, T.revenueLogo), ratio(f.logo_retention));
  assert.equal(await figure(page, T.revenueEnding), await money(f.ending_arr));
  assert.equal(await figure(page, T.revenueNew), await money(f.new_arr));
  assert.equal(await figure(page, T.revenueExpansion), await money(f.expansion_arr));
  assert.equal(await figure(page, T.revenueContraction), await money(f.contraction_arr));
  assert.equal(await figure(page, T.revenueChurned), await money(f.churned_arr));
  // The renewal windows: counts and ARR at stake from the API's list.
  const rows = page.locator(tid(T.revenueWindowRow));
  await waitFor('the renewal windows', async () => (await rows.count()) === 4);
  const base = Date.parse(`${due.as_of}T00:00:00Z`);
  for (const [k, days] of [30, 60, 90, 180].entries()) {
    const mine = due.renewals.filter((r) => {
      const ahead = (Date.parse(`${r.renewal_date}T00:00:00Z`) - base) / 86400000;
      return ahead >= 0 && ahead <= days;
    });
    const cells = await rows.nth(k).locator('td').allTextContents();
    assert.equal(cells[1].trim(), await int(mine.length), `${days} days count`);
    const total = mine.reduce((s, r) => s + r.arr_at_stake, 0);
    assert.equal(cells[5].trim(), await money(total), `${days} days ARR at stake`);
  }
  // The ARR at stake by health: each window's cells sum the API's renewals by their health.
  const healthRows = page.locator(tid(T.revenueHealthRow));
  await waitFor('the health windows', async () => (await healthRows.count()) === 4);
  const colorOf = (r) => (r.health && ['green', 'yellow', 'red'].includes(r.health.color) ? r.health.color : 'none');
  const within = (r, days) => {
    const ahead = (Date.parse(`${r.renewal_date}T00:00:00Z`) - base) / 86400000;
    return ahead >= 0 && ahead <= days;
  };
  for (const [k, days] of [30, 60, 90, 180].entries()) {
    const cells = await healthRows.nth(k).locator('td').allTextContents();
    for (const [j, color] of ['green', 'yellow', 'red', 'none'].entries()) {
      const mine = due.renewals.filter((r) => within(r, days) && colorOf(r) === color);
      const stake = mine.reduce((s, r) => s + r.arr_at_stake, 0);
      assert.equal(cells[j + 1].trim(), `${await money(stake)} (${await int(mine.length)})`, `${days} days ${color}`);
    }
  }
  // A cell filters the renewal list to its renewals.
  const red90 = due.renewals.filter((r) => within(r, 90) && colorOf(r) === 'red');
  await healthRows.nth(2).locator('td').nth(3).locator('button').click();
  await waitFor('the red renewals of 90 days', async () =>
    (await page.textContent(tid(T.revenueRenewalsShown)))?.trim().startsWith(`${await int(red90.length)} renewals due within 90 days, red health`),
  );
  // Back to every renewal of 180 days, for the click-through below.
  await rows.nth(3).locator('td').nth(5).locator('button').click();
  await waitFor('all renewals of 180 days', async () =>
    (await page.textContent(tid(T.revenueRenewalsShown)))?.includes('due within 180 days'),
  );
  // Every figure opens the accounts behind it: churned ARR lists the churned accounts (the API
  // sums them to the figure), GRR the churned and the contracted.
  const churned = await api.get('/api/revenue/accounts?movement=churned');
  const contracted = await api.get('/api/revenue/accounts?movement=contraction');
  assert.ok(Math.abs(churned.amount - f.churned_arr) < 0.01, 'the churned accounts sum to the figure');
  assert.ok(Math.abs(contracted.amount - f.contraction_arr) < 0.01, 'the contracted accounts sum to the figure');
  const listed = page.locator(tid(T.revenueAccountRow));
  await page.click(tid(T.revenueChurned));
  await page.waitForSelector(`${tid(T.revenueAccounts)}[data-figure="churned"]`);
  await waitFor('the churned accounts', async () => (await listed.count()) === churned.accounts.length);
  if (churned.accounts.length > 0) {
    assert.equal(await listed.nth(0).getAttribute('data-account'), churned.accounts[0].account_id);
  }
  await page.click(tid(T.revenueGrr));
  await page.waitForSelector(`${tid(T.revenueAccounts)}[data-figure="grr"]`);
  await waitFor('the churned and contracted accounts', async () => (await listed.count()) === churned.accounts.length + contracted.accounts.length);
  await screenshot(page, 'revenue-accounts');
  // A churn bar of the bridge chart opens the accounts that churned that month.
  await page.waitForSelector(`${tid(T.revenueBridgeChart)} svg`);
  await page.locator(tid(T.revenueBridgeChart)).scrollIntoViewIfNeeded();
  const bars = page.locator(`${tid(T.revenueBridgeChart)} svg path[fill="#e53935"]`);
  let best = null;
  for (let i = 0; i < (await bars.count()); i++) {
    const b = await bars.nth(i).boundingBox();
    if (b && b.width > 4 && b.height > 4 && (!best || b.height > best.height)) best = b;
  }
  assert.ok(best, 'a churn bar in the bridge chart');
  await page.mouse.click(best.x + best.width / 2, best.y + best.height / 2);
  await page.waitForSelector(`${tid(T.revenueAccounts)}[data-figure^="month:"]`);
  const [, month] = (await page.getAttribute(tid(T.revenueAccounts), 'data-figure')).split(':');
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const next = new Date(start);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const end = Math.min(next.getTime() - 86400000, Date.parse(`${m.as_of}T00:00:00Z`));
  const monthly = await api.get(
    `/api/revenue/accounts?movement=churned&as_of=${new Date(end).toISOString().slice(0, 10)}&window_days=${Math.round((end - start) / 86400000) + 1}`,
  );
  assert.ok(monthly.total > 0, 'the tallest churn bar has churned accounts');
  await waitFor('the month\'s churned accounts', async () => (await listed.count()) === monthly.accounts.length);
  await page.click(tid(T.revenueGrr));
  await page.waitForSelector(`${tid(T.revenueAccounts)}[data-figure="grr"]`);
  await page.click(tid(T.revenueGrr)); // closes the list again
  await waitFor('the list closed', async () => (await page.locator(tid(T.revenueAccounts)).count()) === 0);
  // The charts draw.
  await page.waitForSelector(`${tid(T.revenueBridgeChart)} svg`);
  await page.waitForSelector(`${tid(T.revenueTrendChart)} svg`);
  await screenshot(page, 'revenue');
  // A renewal opens its account.
  // A renewal opens its account, whose 360 shows the same ARR as the API.
  assert.ok(due.renewals.length > 0, 'renewals in the next 180 days');
  const first = due.renewals[0].account_id;
  await page.click(`${tid(T.revenueRenewalList)} tbody a >> nth=0`);
  await page.waitForURL(new RegExp(`/accounts/${first}`));
  const rev = await api.get(`/api/accounts/${first}/revenue`);
  await page.waitForSelector(tid(T.accountRevenueArr));
  assert.equal((await page.textContent(tid(T.accountRevenueArr)))?.trim(), await money(rev.arr));
  await screenshot(page, 'revenue-360');
  // Edit the next renewal in the 360: the API answers with the edit.
  await page.selectOption(tid(T.renewalStage), 'in_progress');
  await page.selectOption(tid(T.renewalForecast), 'at_risk');
  await page.fill(tid(T.renewalAtStake), '1234');
  await page.click(tid(T.renewalSave));
  await waitFor('the edited renewal', async () => {
    const now = await api.get(`/api/accounts/${first}/revenue`);
    const n = now.next_renewal;
    return n && n.stage === 'in_progress' && n.forecast === 'at_risk' && n.arr_at_stake === 1234 && n.edited;
  });
  assert.deepEqual(errors, []);
});

test("the Cockpit lists the CSM's own renewals", async (t) => {
  const { context, page, api, errors } = await signedIn(browser, 'csm');
  t.after(() => context.close());
  const mine = await api.get('/api/revenue/renewals?within=90&owner=me');
  const all = await api.get('/api/revenue/renewals?within=90');
  assert.ok(mine.renewals.length > 0, 'the busiest CSM owns renewals in the next 90 days');
  assert.ok(mine.renewals.length < all.renewals.length, 'and not all of them');
  await page.click(tid(T.navCockpit));
  await page.waitForSelector(tid(T.myRenewals));
  const rows = page.locator(`${tid(T.myRenewals)} tbody tr`);
  assert.equal(await rows.count(), mine.renewals.length);
  const first = (await rows.nth(0).locator('td').nth(1).textContent())?.trim();
  assert.equal(first, mine.renewals[0].account_id);
  assert.deepEqual(errors, []);
});

test('the Models page checks the health score against what happened', async (t) => {
  const { context, page, api, errors } = await signedIn(browser, 'viewer');
  t.after(() => context.close());
  const dash = await api.get('/api/dashboard');
  await page.click(tid(T.navModels));
  await page.waitForSelector(tid(T.calibration));
  await page.selectOption(tid(T.calibrationHorizon), '90');
  await page.selectOption(tid(T.calibrationLookback), '90');
  await page.click(tid(T.calibrationRun));
  await page.waitForSelector(tid(T.calibrationReport), { timeout: 60000 });
  const c = await api.get(`/api/scorecards/${dash.scorecard}/calibration?horizon_days=90&lookback_days=90`);
  const int = (n) => page.evaluate((v) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(v), n);
  const auc = (n) => (n === null ? '—' : n.toFixed(3));
  assert.equal((await page.textContent(tid(T.calibrationObservations)))?.trim(), await int(c.observations));
  const cells = await page.locator(`${tid(T.calibrationAuc)} td`).allTextContents();
  assert.equal(cells[1].trim(), auc(c.current.auc));
  assert.equal(cells[2].trim(), auc(c.suggested.auc));
  const measures = page.locator(tid(T.calibrationMeasure));
  assert.equal(await measures.count(), c.measures.length);
  for (const [k, m] of c.measures.entries()) {
    const row = await measures.nth(k).locator('td').allTextContents();
    assert.equal(row[0].trim(), m.name);
    assert.equal(row[3].trim(), auc(m.auc));
  }
  assert.equal((await page.textContent(tid(T.calibrationYaml)))?.trim(), c.suggested_yaml.trim());
  assert.ok((await page.textContent(tid(T.calibrationSwitches)))?.startsWith(`${await int(c.switches.length)} of`));
  await page.waitForSelector(`${tid(T.calibrationLift)} svg`);
  await screenshot(page, 'models-calibration');
  assert.deepEqual(errors, []);
});

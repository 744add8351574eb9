// Browser tests of the advocacy program against a real `tend serve` (no API mocks): inviting a
// candidate from the queue, a reference request from the sales rep's form to its completion,
// and the extraction warning going away once the program gives back. Run with ui.test.mjs by
// tests/integration/web_ui_test.py, or by hand:
//   TEND_URL=http://127.0.0.1:8080 TEND_PASSWORD=... node --test e2e/advocacy.test.mjs
// Each test saves a screenshot in $TEND_ARTIFACTS. Set-up the UI does not cover (making an
// advocate active, asking them) goes through the API as the ops user.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AdvocateProfilePage,
  AdvocatesPage,
  BASE,
  CandidatesPage,
  ReferenceRequestPage,
  ReferenceRequestsPage,
  launch,
  screenshot,
  signedIn,
  tid,
  waitFor,
} from './pages.mjs';
import { T } from './selectors.mjs';

let browser;
// Contacts a test has taken, so the next one picks another.
const used = new Set();

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

// The first candidates (best ranked) that `ok` accepts and no test has used.
async function pickCandidates(api, n, ok = async () => true) {
  const { candidates } = await api.get('/api/advocacy/candidates?limit=200');
  const picked = [];
  for (const c of candidates) {
    if (used.has(c.contact_id)) continue;
    if (await ok(c)) {
      picked.push(c);
      used.add(c.contact_id);
      if (picked.length === n) break;
    }
  }
  assert.equal(picked.length, n, `${n} suitable candidate(s) in the queue`);
  return picked;
}

// A green account without an open risk CTA: the matching proposes its advocates.
async function askable(api, c) {
  if (c.account_color !== 'green') return false;
  const d = await api.get(`/api/accounts/${enc(c.account_id)}`);
  return !d.ctas.open.some((x) => x.type === 'risk');
}

// Invites a candidate and makes them an active, consenting advocate (through the API).
async function activeAdvocate(api, c, tier = 'reference_network', preferred = ['reference_call']) {
  await api.send('POST', `/api/advocacy/candidates/${enc(c.contact_id)}/invite`, { tier, note: 'e2e set-up' });
  await api.send('PATCH', `/api/advocacy/advocates/${enc(c.contact_id)}`, { status: 'active', consent: true, preferred });
  return api.get(`/api/advocacy/advocates/${enc(c.contact_id)}`);
}

test('a CSM invites a candidate from the queue; it leaves the queue and shows as invited in its tier', async (t) => {
  const { page, api, errors } = await session('csm', t);
  const me = (await api.get('/api/me')).user;
  const candidates = new CandidatesPage(page);
  await candidates.open();
  // A candidate on the first page whose account this CSM owns (CSMs change their own accounts).
  const shown = await candidates.shownIds();
  const { candidates: list } = await api.get('/api/advocacy/candidates?limit=50');
  let pick = null;
  for (const c of list) {
    if (!shown.includes(c.contact_id) || used.has(c.contact_id)) continue;
    const a = (await api.get(`/api/accounts/${enc(c.account_id)}`)).account;
    if (a.csm === me.name || a.csm === me.email) {
      pick = c;
      break;
    }
  }
  assert.ok(pick, `a candidate on ${me.name}'s accounts on the first page`);
  used.add(pick.contact_id);
  // Each rank comes with its reasons.
  const reasons = candidates.row(pick.contact_id).locator(tid(T.candidateReason));
  assert.equal(await reasons.count(), pick.reasons.length);
  assert.ok(pick.reasons.length > 0, 'the candidate has reasons');

  await candidates.invite(pick.contact_id, 'case_study', 'Loved the last QBR; asked about a story.');
  await candidates.row(pick.contact_id).waitFor({ state: 'detached' });
  const after = await api.get('/api/advocacy/candidates?limit=200');
  assert.ok(!after.candidates.some((c) => c.contact_id === pick.contact_id), 'no longer in the queue');
  const adv = await api.get(`/api/advocacy/advocates/${enc(pick.contact_id)}`);
  assert.equal(adv.status, 'invited');
  assert.equal(adv.tier, 'case_study');

  const advocates = new AdvocatesPage(page);
  await advocates.open();
  const row = advocates.tier('case_study').locator(`${tid(T.advocateRow)}[data-contact-id="${pick.contact_id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'invited');
  assert.match(await row.innerText(), /Invited/);
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'advocacy-invite');
  assert.deepEqual(errors, []);
});

test('a sales rep asks for a reference; ops matches, asks and records it accepted; the rep completes it', async (t) => {
  const ops = await session('ops', t);
  const [c] = await pickCandidates(ops.api, 1, (x) => askable(ops.api, x));
  const advocate = await activeAdvocate(ops.api, c);
  const account = (await ops.api.get(`/api/accounts/${enc(c.account_id)}`)).account;

  // The sales rep sees only reference requests in the advocacy menu, and creates one.
  const sales = await session('sales', t);
  assert.equal(await sales.page.locator(tid(T.navAdvocacyProgram)).count(), 0, 'no program page for sales');
  assert.equal(await sales.page.locator(tid(T.navCandidates)).count(), 0, 'no candidates queue for sales');
  const requests = new ReferenceRequestsPage(sales.page);
  await requests.open();
  const prospect = `Prospect ${Date.now()} LLC`;
  const id = await requests.create({
    prospect,
    deal_id: 'D-E2E-1',
    industry: account.industry,
    segment: account.segment,
    region: account.region,
    product: 'analytics',
    notes: 'Wants to hear from a customer of their size.',
  });
  const created = await sales.api.get(`/api/advocacy/requests/${id}`);
  assert.equal(created.prospect, prospect);
  assert.equal(created.status, 'requested');
  assert.equal(created.industry, account.industry);

  // Ops opens it: the advocate is a match, with the reasons of the fit.
  const detail = new ReferenceRequestPage(ops.page);
  await detail.open(id);
  const match = detail.match(c.contact_id);
  await match.waitFor();
  const reasons = await match.locator(tid(T.matchReason)).allInnerTexts();
  const apiMatch = created.matches.find((m) => m.contact_id === c.contact_id);
  assert.ok(apiMatch, 'the API matches the advocate too');
  assert.deepEqual(reasons, apiMatch.reasons);
  assert.ok(reasons.some((r) => r.includes(account.industry)), `a reason names the industry: ${reasons}`);
  await screenshot(ops.page, 'advocacy-request-matches');

  await match.locator(tid(T.matchAsk)).click();
  await detail.waitStatus('asked');
  await ops.page.click(tid(T.requestAccept));
  await detail.waitStatus('accepted');

  // The rep completes it with the outcome.
  const mine = new ReferenceRequestPage(sales.page);
  await mine.open(id);
  await mine.waitStatus('accepted');
  await sales.page.click(tid(T.requestComplete));
  await mine.answer('Great call: the prospect signed the next week.');
  await mine.waitStatus('completed');
  const done = await sales.api.get(`/api/advocacy/requests/${id}`);
  assert.equal(done.status, 'completed');
  assert.equal(done.contact_id, c.contact_id);
  assert.equal(done.outcome, 'Great call: the prospect signed the next week.');
  await screenshot(sales.page, 'advocacy-request-completed');

  // The advocate's asks this quarter rose, on the profile too.
  const after = await ops.api.get(`/api/advocacy/advocates/${enc(c.contact_id)}`);
  assert.equal(after.asks_this_quarter, advocate.asks_this_quarter + 1);
  const profile = new AdvocateProfilePage(ops.page);
  await profile.open(c.contact_id);
  const load = ops.page.locator(`${tid(T.asks)} ${tid(T.advocateLoad)}`);
  assert.equal(await load.getAttribute('data-asks'), String(after.asks_this_quarter));
  const ask = ops.page.locator(`${tid(T.askRow)}[data-status="completed"]`).filter({ hasText: `request #${id}` });
  await ask.waitFor();
  assert.deepEqual(ops.errors, []);
  assert.deepEqual(sales.errors, []);
});

test('the extraction warning shows on the list and the profile, and goes once the program gives back', async (t) => {
  const { page, api, errors } = await session('ops', t);
  const [c] = await pickCandidates(api, 1, (x) => askable(api, x));
  await activeAdvocate(api, c, 'reference_network', ['reference_call', 'case_study']);
  // Ask without giving back: a reference call, then a case study (if the program allows a
  // second ask this soon).
  await api.send('POST', `/api/advocacy/advocates/${enc(c.contact_id)}/asks`, { activity: 'reference_call', note: 'e2e: a call for a deal' });
  await api.call('POST', `/api/advocacy/advocates/${enc(c.contact_id)}/asks`, { activity: 'case_study', note: 'e2e: a story' });
  const before = await api.get(`/api/advocacy/advocates/${enc(c.contact_id)}`);
  assert.equal(before.extraction_warning, true, `the API warns: ${JSON.stringify(before.balance)}`);

  const advocates = new AdvocatesPage(page);
  await advocates.open('?warning=1');
  const row = advocates.row(c.contact_id);
  await row.waitFor();
  assert.equal(await row.locator(tid(T.extractionBadge)).count(), 1, 'the badge on the list');

  await row.locator('a').first().click();
  await page.waitForURL(new RegExp(`/advocacy/advocates/${c.contact_id}$`));
  const profile = new AdvocateProfilePage(page);
  await page.waitForSelector(tid(T.extractionWarning));
  assert.ok(await profile.warningOn());
  assert.match(await page.locator(tid(T.extractionWarning)).innerText(), /Extraction warning/);
  await screenshot(page, 'advocacy-extraction-warning');

  // Give back more than was asked: a referral, weighted above what they gave.
  const units = Math.max(3, Math.ceil(before.balance.gave - before.balance.received) + 1);
  await profile.recordGiveBack('referral', units, 'Sent them a partner lead.');
  await waitFor('the warning to go', async () => !(await profile.warningOn()));
  assert.equal(await page.locator(tid(T.extractionWarning)).count(), 0);
  assert.equal(await page.locator(`${tid(T.advocateStatus)} ${tid(T.extractionBadge)}`).count(), 0);
  const entry = page.locator(`${tid(T.ledgerEntry)}[data-direction="received"][data-kind="referral"]`);
  await entry.waitFor();
  const afterApi = await api.get(`/api/advocacy/advocates/${enc(c.contact_id)}`);
  assert.equal(afterApi.extraction_warning, false);
  assert.ok(afterApi.ledger.some((e) => e.direction === 'received' && e.kind === 'referral' && e.units === units));
  await screenshot(page, 'advocacy-profile');

  await advocates.open();
  const listed = advocates.row(c.contact_id);
  await listed.waitFor();
  assert.equal(await listed.getAttribute('data-warning'), 'false');
  assert.equal(await listed.locator(tid(T.extractionBadge)).count(), 0, 'no badge on the list');
  assert.deepEqual(errors, []);
});

test('the program dashboard shows the API figures, the tiers with capacity and the impact', async (t) => {
  const { page, api, errors } = await session('ops', t);
  await page.click(tid(T.navAdvocacyProgram));
  await page.waitForURL(/\/advocacy$/);
  const p = await api.get('/api/advocacy/program');
  const metric = (id) => page.locator(`${tid(T.advocacyMetric)}[data-metric="${id}"] .kpi-value`);
  await metric('extraction_warnings').waitFor();
  assert.equal((await metric('extraction_warnings').innerText()).trim(), String(p.burnout.extraction_warnings));
  assert.equal((await metric('over_cap').innerText()).trim(), String(p.burnout.over_cap));
  assert.equal((await metric('influenced_deals').innerText()).trim(), p.metrics.influenced_deals.toLocaleString('en-US'));
  // Tiers with their members against capacity.
  for (const tier of p.tiers) {
    const cell = page.locator(`${tid(T.advocacyTiers)} tr[data-tier="${tier.tier}"] ${tid(T.tierCapacity)}`);
    const expected = tier.capacity === null ? String(tier.active) : `${tier.active} / ${tier.capacity}`;
    assert.ok((await cell.innerText()).startsWith(expected), `${tier.tier}: ${expected}`);
  }
  await page.waitForSelector(`${tid(T.advocacyTrend)} svg path`, { state: 'attached' });
  await page.locator(tid(T.advocacyImpact)).waitFor();
  await screenshot(page, 'advocacy-program');
  assert.deepEqual(errors, []);
});

test('a viewer reads the program but cannot change it', async (t) => {
  const { page, api, errors } = await session('viewer', t);
  await page.goto(`${BASE}/advocacy/candidates`);
  await page.waitForSelector(tid(T.candidates));
  await page.waitForSelector(`${tid(T.candidateRow)}, .empty`);
  assert.equal(await page.locator(tid(T.candidateInvite)).count(), 0, 'no invite button');
  // Reference requests are the program's and sales' business: not in a viewer's menu.
  assert.equal(await page.locator(tid(T.navAdvocacyProgram)).count(), 1, 'the program in the menu');
  assert.equal(await page.locator(tid(T.navReferenceRequests)).count(), 0, 'no reference requests in the menu');
  await page.goto(`${BASE}/advocacy/requests`);
  await page.getByText('Not available').waitFor();
  const { candidates } = await api.get('/api/advocacy/candidates?limit=1');
  if (candidates.length) {
    const r = await api.call('POST', `/api/advocacy/candidates/${enc(candidates[0].contact_id)}/invite`, { tier: 'reference_network' });
    assert.equal(r.status, 403);
  }
  assert.deepEqual(errors, []);
});

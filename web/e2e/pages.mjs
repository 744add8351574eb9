// Page objects and helpers for the browser tests: each page of the app as the actions a user
// takes on it, so the tests read as flows (house style: Grafana's Pages, Components, Flows).
// Selectors come from selectors.mjs only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { T } from './selectors.mjs';

export const BASE = (process.env.TEND_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const PASSWORD = process.env.TEND_PASSWORD ?? 'correct horse battery';
export const ARTIFACTS = process.env.TEND_ARTIFACTS ?? join(process.cwd(), 'test-artifacts');
export const email = (role) => process.env[`TEND_${role.toUpperCase()}_EMAIL`] ?? `${role}@example.com`;

export const tid = (id) => `[data-testid="${id}"]`;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Polls `fn` until it returns a truthy value (returned) or the time is up (throws `what`).
export async function waitFor(what, fn, timeout = 15000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

// ---- the API, as the signed-in user of a page (its cookie, its CSRF token) ----

export class Api {
  constructor(page) {
    this.page = page;
    this.csrf = null;
  }
  async call(method, path, body) {
    if (method !== 'GET' && !this.csrf) {
      const me = await this.page.request.get(`${BASE}/api/me`);
      this.csrf = (await me.json()).csrf_token;
    }
    const res = await this.page.request.fetch(`${BASE}${path}`, {
      method,
      headers: method === 'GET' ? {} : { 'X-CSRF-Token': this.csrf, 'Content-Type': 'application/json' },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = null;
    try {
      json = await res.json();
    } catch {
      json = null;
    }
    return { status: res.status(), body: json };
  }
  async get(path) {
    const r = await this.call('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  // A change that must succeed (2xx); returns the parsed body.
  async send(method, path, body) {
    const r = await this.call(method, path, body ?? {});
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

// ---- pages ----

export class LoginPage {
  constructor(page) {
    this.page = page;
  }
  async signIn(role) {
    await this.page.goto(`${BASE}/login`);
    await this.page.fill(tid(T.loginEmail), email(role));
    await this.page.fill(tid(T.loginPassword), PASSWORD);
    await this.page.click(tid(T.loginSubmit));
    await this.page.waitForSelector(tid(T.nav));
  }
}

// A new browser context signed in as `role`: { context, page, api }.
export async function signedIn(browser, role) {
  // Reduced motion: charts draw without animation, so screenshots show them whole.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Europe/Berlin', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await new LoginPage(page).signIn(role);
  return { context, page, api: new Api(page), errors };
}

export class DashboardPage {
  constructor(page) {
    this.page = page;
  }
  async open() {
    await this.page.click(tid(T.navDashboard));
    await this.page.waitForSelector(`${tid(T.chartBySegment)} svg path[fill]`, { state: 'attached' });
  }
  // Clicks the biggest bar of `color` in the "Health by segment" chart (a real click on the
  // chart's SVG, as a user would).
  async clickSegmentBar(fill) {
    const bars = this.page.locator(`${tid(T.chartBySegment)} svg path[fill="${fill}"]`);
    const n = await bars.count();
    let best = null;
    for (let i = 0; i < n; i++) {
      const b = await bars.nth(i).boundingBox();
      if (b && b.width > 4 && b.height > 4 && (!best || b.width > best.width)) best = b;
    }
    if (!best) throw new Error(`no ${fill} bar in the segment chart`);
    await this.page.mouse.click(best.x + best.width / 2, best.y + best.height / 2);
  }
}

export class AccountsPage {
  constructor(page) {
    this.page = page;
  }
  async waitLoaded() {
    await this.page.waitForSelector(`${tid(T.accountsTable)}[aria-busy="false"]`);
  }
  rows() {
    return this.page.locator(tid(T.accountRow));
  }
  async total() {
    const text = await this.page.locator(tid(T.accountsTotal)).innerText();
    const m = /^([\d,.\s]+) account/.exec(text);
    return m ? Number(m[1].replace(/[^\d]/g, '')) : NaN;
  }
}

export class Account360Page {
  constructor(page) {
    this.page = page;
  }
  async open(id, tab) {
    await this.page.goto(`${BASE}/accounts/${encodeURIComponent(id)}${tab ? `?tab=${tab}` : ''}`);
    await this.page.waitForSelector(tid(T.accountHealth));
  }
  async health() {
    return (await this.page.locator(`${tid(T.accountHealth)} .health-score`).innerText()).trim();
  }
  async addActivity(type, subject, notes) {
    await this.page.click(tid(T.addActivity));
    await this.page.selectOption(tid(T.activityType), type);
    await this.page.fill(tid(T.activitySubject), subject);
    await this.page.fill(tid(T.activityNotes), notes);
    await this.page.click(tid(T.activitySubmit));
  }
}

export class CtaPage {
  constructor(page) {
    this.page = page;
  }
  async status() {
    return this.page.locator(tid(T.ctaStatus)).getAttribute('data-status');
  }
  async completeFirstOpenTask() {
    const task = this.page.locator(`${tid(T.taskItem)}[data-status="open"]`).first();
    const title = await task.locator('.task-title').innerText();
    // The box turns checked once the server confirms, so click (check() expects it at once).
    await task.locator(tid(T.taskDone)).click();
    return title;
  }
  async close(reason, comment) {
    await this.page.click(tid(T.ctaClose));
    await this.page.check(`${tid(T.closeReason)} input[value="${reason}"]`);
    await this.page.fill(tid(T.closeComment), comment);
    await this.page.click(tid(T.closeSubmit));
  }
}

export class DefinitionsPage {
  constructor(page) {
    this.page = page;
  }
  editor() {
    return this.page.locator(`${tid(T.definitionsEditor)} textarea`);
  }
  async open() {
    await this.page.goto(`${BASE}/admin/definitions`);
    await this.editor().waitFor();
  }
  async previewCount() {
    const v = await this.page.locator(tid(T.previewCount)).getAttribute('data-count');
    return v === null ? null : Number(v);
  }
}

// ---- the advocacy program ----

export class CandidatesPage {
  constructor(page) {
    this.page = page;
  }
  async open() {
    await this.page.click(tid(T.navCandidates));
    await this.page.waitForURL(/\/advocacy\/candidates/);
    await this.page.waitForSelector(tid(T.candidateRow));
  }
  row(contactId) {
    return this.page.locator(`${tid(T.candidateRow)}[data-contact-id="${contactId}"]`);
  }
  async shownIds() {
    return this.page.locator(tid(T.candidateRow)).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-contact-id')));
  }
  async invite(contactId, tier, note) {
    await this.row(contactId).locator(tid(T.candidateInvite)).click();
    await this.page.selectOption(tid(T.inviteTier), tier);
    if (note) await this.page.fill(tid(T.inviteNote), note);
    await this.page.click(tid(T.inviteSubmit));
  }
}

export class AdvocatesPage {
  constructor(page) {
    this.page = page;
  }
  async open(query = '') {
    if (query) await this.page.goto(`${BASE}/advocacy/advocates${query}`);
    else await this.page.click(tid(T.navAdvocates));
    await this.page.waitForSelector(tid(T.tierGroup));
  }
  tier(tier) {
    return this.page.locator(`${tid(T.tierGroup)}[data-tier="${tier}"]`);
  }
  row(contactId) {
    return this.page.locator(`${tid(T.advocateRow)}[data-contact-id="${contactId}"]`);
  }
}

export class AdvocateProfilePage {
  constructor(page) {
    this.page = page;
  }
  async open(contactId) {
    await this.page.goto(`${BASE}/advocacy/advocates/${encodeURIComponent(contactId)}`);
    await this.page.waitForSelector(tid(T.advocateBalance));
  }
  async warningOn() {
    return (await this.page.locator(tid(T.advocateBalance)).getAttribute('data-warning')) === 'true';
  }
  // Records what the program gave back (direction "received").
  async recordGiveBack(kind, units, note) {
    await this.page.click(tid(T.ledgerOpen));
    await this.page.selectOption(tid(T.ledgerDirection), 'received');
    await this.page.selectOption(tid(T.ledgerKind), kind);
    if (units !== undefined) await this.page.fill(tid(T.ledgerUnits), String(units));
    if (note) await this.page.fill(tid(T.ledgerNote), note);
    await this.page.click(tid(T.ledgerSubmit));
  }
}

export class ReferenceRequestsPage {
  constructor(page) {
    this.page = page;
  }
  async open() {
    await this.page.click(tid(T.navReferenceRequests));
    await this.page.waitForURL(/\/advocacy\/requests/);
    await this.page.waitForSelector(tid(T.newRequest));
  }
  // Fills and sends the "New request" form; the app opens the new request.
  async create(r) {
    await this.page.click(tid(T.newRequest));
    await this.page.fill(tid(T.requestProspect), r.prospect);
    const fields = [
      [T.requestDeal, r.deal_id],
      [T.requestIndustry, r.industry],
      [T.requestSegment, r.segment],
      [T.requestRegion, r.region],
      [T.requestProduct, r.product],
      [T.requestDeadline, r.deadline],
      [T.requestNotes, r.notes],
    ];
    for (const [id, v] of fields) if (v) await this.page.fill(tid(id), v);
    await this.page.click(tid(T.requestSubmit));
    await this.page.waitForURL(/\/advocacy\/requests\/\d+$/);
    await this.page.waitForSelector(tid(T.requestStatus));
    return Number(new URL(this.page.url()).pathname.split('/').pop());
  }
}

export class ReferenceRequestPage {
  constructor(page) {
    this.page = page;
  }
  async open(id) {
    await this.page.goto(`${BASE}/advocacy/requests/${id}`);
    await this.page.waitForSelector(tid(T.requestStatus));
  }
  status() {
    return this.page.locator(tid(T.requestStatus)).getAttribute('data-status');
  }
  async waitStatus(status) {
    await this.page.waitForSelector(`${tid(T.requestStatus)}[data-status="${status}"]`);
  }
  match(contactId) {
    return this.page.locator(`${tid(T.matchRow)}[data-contact-id="${contactId}"]`);
  }
  // Fills the one-text dialog (a reason or an outcome) and sends it.
  async answer(text) {
    await this.page.fill(tid(T.answerText), text);
    await this.page.click(tid(T.answerSubmit));
  }
}

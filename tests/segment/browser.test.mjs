// analytics.js (@segment/analytics-next, bundled from npm by bundle.mjs) in Debian's chromium,
// on a page of one origin, sending to `tend serve` on another. Run by
// tests/integration/segment_browser_test.py, which makes the workspace, the keys, the server,
// the bundles and the static site, and passes them in the environment:
//   TEND_URL, TEND_TOKEN (an admin's API token), SITE (the page's origin), OTHER_SITE (an
//   origin no key allows), ACCOUNT (an account id), OTHER_KEY (a browser key for another
//   origin), CHROMIUM.
// The site serves /docs.js (the snippet of docs/getting-started.md as written, with the
// `web` key and tend's address), /variant.js (the same load without batching, key and host
// from window.TEND_TEST), and for any other path app.html, which loads docs.js unless the
// query says `variant`. WEB_KEY is the `web` key.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const { TEND_URL, TEND_TOKEN, SITE, OTHER_SITE, ACCOUNT, OTHER_KEY, WEB_KEY } = process.env;
const tendOrigin = new URL(TEND_URL).origin;
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
});

async function api(method, path, body) {
  const res = await fetch(TEND_URL + path, {
    method,
    headers: { Authorization: `Bearer ${TEND_TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

async function waitFor(what, fn, timeout = 15000) {
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

// The messages of the ingest log from `user`, oldest first.
async function received(user) {
  const r = await api('GET', '/api/ingest/recent?limit=500');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.messages.filter((m) => m.user_id === user).reverse();
}

async function refusedCount() {
  const text = await (await fetch(TEND_URL + '/metrics')).text();
  const m = text.match(/^tend_segment_origin_refused_total (\S+)$/m);
  return m ? Number(m[1]) : 0;
}

// A fresh context and page; every request the page makes is recorded.
async function open(t) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method() }));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, requests, errors };
}

function origins(requests) {
  return [...new Set(requests.map((r) => new URL(r.url).origin))].sort();
}

test('the documented snippet: identify, group, page and track land on the account with their properties', async (t) => {
  const { page, requests, errors } = await open(t);
  const user = 'browser-user-1';
  await page.goto(`${SITE}/billing?tab=invoices`, { referer: 'https://search.example/q' });
  await page.evaluate(
    async ([user, account]) => {
      const { analytics } = window.tendDocs;
      await analytics.identify(user, { name: 'Bea Browser', email: 'bea@browser.example', title: 'Head of Growth' });
      await analytics.group(account, { name: 'Browser Bound Co', industry: 'Retail', arr: 999 });
      // The snippet's own analytics.page() ran before anyone signed in (an anonymous user);
      // this one is the signed-in user's.
      await analytics.page();
      await analytics.track('Report Exported', { format: 'csv', rows: 12 });
    },
    [user, ACCOUNT],
  );
  // The batch goes out within a second (the snippet's batching timeout).
  const msgs = await waitFor('the four messages', async () => {
    const m = await received(user);
    return m.length >= 4 && m.every((x) => x.outcome !== 'unattributed') ? m : null;
  });
  const byType = Object.fromEntries(msgs.map((m) => [m.type, m]));
  for (const m of msgs) {
    assert.equal(m.key, 'web', JSON.stringify(m));
    assert.equal(m.origin, SITE, JSON.stringify(m));
  }
  // identify came before group (the user had no account yet): it waited for the group call.
  assert.equal(byType.identify.outcome, 'held');
  assert.equal(byType.group.outcome, 'grouped');
  assert.deepEqual(byType.group.ignored_traits, ['arr'], 'a browser key never sets arr');
  assert.equal(byType.track.event, 'Report Exported');
  assert.equal(byType.track.account_id, ACCOUNT);
  assert.equal(byType.track.outcome, 'accepted');
  assert.equal(byType.track.properties.format, 'csv');
  assert.equal(byType.track.properties.rows, 12);
  // analytics.page() of the snippet, with the page's properties.
  assert.equal(byType.page.event, 'Page Viewed /billing');
  assert.equal(byType.page.account_id, ACCOUNT);
  assert.equal(byType.page.properties.path, '/billing');
  assert.equal(byType.page.properties.url, `${SITE}/billing?tab=invoices`);
  // The browser's referrer policy may trim a cross-origin referrer to its origin.
  assert.match(String(byType.page.properties.referrer), /^https:\/\/search\.example\//);
  assert.equal(byType.page.properties.title, 'Billing · Test App');

  const contact = await api('GET', `/api/contacts/${user}`);
  assert.equal(contact.status, 200);
  assert.equal(contact.body.account_id, ACCOUNT);
  assert.equal(contact.body.name, 'Bea Browser');
  assert.equal(contact.body.email, 'bea@browser.example');
  assert.equal(contact.body.title, 'Head of Growth');
  const account = (await api('GET', `/api/accounts/${ACCOUNT}`)).body.account;
  assert.equal(account.name, 'Browser Bound Co');
  assert.equal(account.industry, 'Retail');
  assert.notEqual(account.arr, 999, 'arr from a browser key');

  // Batched to /v1/b, after a preflight; nothing went anywhere but the page's origin and
  // tend (no CDN, no telemetry).
  assert.deepEqual(origins(requests), [SITE, tendOrigin].sort(), JSON.stringify(requests));
  assert.ok(requests.some((r) => r.url === `${tendOrigin}/v1/b` && r.method === 'POST'), JSON.stringify(requests));
  assert.deepEqual(errors, []);

  // "Visited the billing page in the last 30 days" (docs/getting-started.md) as a metric.
  const defs = await api('GET', '/api/definitions');
  const files = [
    ...defs.body.files,
    {
      path: 'pages.yaml',
      content: 'metrics:\n  - {name: billing_page_views_30d, type: event_count, events: ["Page Viewed /billing*"], window: 30d}\n',
    },
  ];
  const put = await api('PUT', '/api/definitions', { files });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const preview = await api('POST', '/api/definitions/preview', { condition: 'billing_page_views_30d > 0' });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  const matched = JSON.stringify(preview.body);
  assert.ok(matched.includes(ACCOUNT), `billing_page_views_30d > 0 does not match ${ACCOUNT}: ${matched.slice(0, 400)}`);
});

test('without batching, analytics.js posts to the one-letter paths', async (t) => {
  const { page, requests, errors } = await open(t);
  const user = 'browser-user-2';
  await page.goto(`${SITE}/settings/42/team?variant=1`);  // no docs.js on this page
  await page.evaluate(
    async ([user, account, key, host]) => {
      window.TEND_TEST = { writeKey: key, apiHost: host };
      await new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = '/variant.js';
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
      const { analytics } = window.tendVariant;
      await analytics.identify(user, { name: 'Cy Standard' });
      await analytics.group(account, { name: 'Browser Bound Co' });
      await analytics.page();
      await analytics.track('Seat Added', { seats: 3 });
    },
    [user, ACCOUNT, WEB_KEY, new URL(TEND_URL).host + '/v1'],
  );
  const msgs = await waitFor('four messages', async () => {
    const m = await received(user);
    return m.length >= 4 ? m : null;
  });
  assert.ok(msgs.filter((m) => m.type !== 'identify').every((m) => m.account_id === ACCOUNT), JSON.stringify(msgs));
  const contact = await api('GET', `/api/contacts/${user}`);
  assert.equal(contact.status, 200);
  assert.equal(contact.body.account_id, ACCOUNT, 'the identify before the group call landed on the account');
  assert.equal(contact.body.name, 'Cy Standard');
  const viewed = msgs.find((m) => m.type === 'page');
  assert.equal(viewed.event, 'Page Viewed /settings/:id/team');
  const posted = requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname);
  for (const p of ['/v1/i', '/v1/g', '/v1/p', '/v1/t']) assert.ok(posted.includes(p), `${p} in ${posted}`);
  assert.deepEqual(errors, []);
});

test('a key that does not allow the page origin is refused, with the reason readable by the page', async (t) => {
  const { page } = await open(t);
  const before = await refusedCount();
  await page.goto(`${SITE}/pricing`);
  const answer = await page.evaluate(async ([tend, key]) => {
    const res = await fetch(`${tend}/v1/t`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ writeKey: key, userId: 'browser-user-3', event: 'Should Not Land' }),
    });
    return { status: res.status, body: await res.json() };
  }, [TEND_URL, OTHER_KEY]);
  assert.equal(answer.status, 403, JSON.stringify(answer));
  assert.equal(answer.body.error.code, 'segment.originNotAllowed');
  assert.ok(answer.body.error.message.includes(SITE), answer.body.error.message);
  assert.ok(answer.body.error.message.includes('"other"'), answer.body.error.message);
  assert.equal(await refusedCount(), before + 1);
  const refused = (await api('GET', '/api/ingest/recent')).body.messages.find((m) => m.outcome === 'refused' && m.key === 'other');
  assert.ok(refused && refused.origin === SITE, 'the refusal is in the ingest log');
  assert.deepEqual(await received('browser-user-3'), []);
});

test('a page of an origin no key allows fails the preflight, and is counted', async (t) => {
  const { page } = await open(t);
  const before = await refusedCount();
  await page.goto(`${OTHER_SITE}/`);
  const answer = await page.evaluate(async ([tend, key]) => {
    try {
      const res = await fetch(`${tend}/v1/b`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain', Authorization: `Basic ${btoa(key + ':')}` },
        body: JSON.stringify({ writeKey: key, batch: [{ type: 'track', userId: 'browser-user-4', event: 'Nope' }] }),
      });
      return `answered ${res.status}`;
    } catch (e) {
      return `failed: ${e}`;
    }
  }, [TEND_URL, WEB_KEY]);
  assert.match(answer, /^failed/);
  assert.equal(await refusedCount(), before + 1);
  assert.deepEqual(await received('browser-user-4'), []);
  // /api/* stays same-origin: no preflight answer, no CORS header.
  const pre = await fetch(`${TEND_URL}/api/accounts`, {
    method: 'OPTIONS',
    headers: { Origin: SITE, 'Access-Control-Request-Method': 'GET' },
  });
  assert.equal(pre.headers.get('access-control-allow-origin'), null);
  const get = await fetch(`${TEND_URL}/api/me`, { headers: { Origin: SITE, Authorization: `Bearer ${TEND_TOKEN}` } });
  assert.equal(get.headers.get('access-control-allow-origin'), null);
});

test('leaving the page still delivers its last event (keepalive)', async (t) => {
  const { page } = await open(t);
  const user = 'browser-user-5';
  await page.goto(`${SITE}/billing`);
  await page.evaluate(async ([user, account]) => {
    const { analytics } = window.tendDocs;
    await analytics.identify(user, { name: 'Dee Departing' });
    await analytics.group(account, {});
  }, [user, ACCOUNT]);
  await waitFor('identify and group', async () => (await received(user)).length >= 2);
  // Tracked, then the page is left at once: the event is still in the batch (sent within a
  // second otherwise), so only the flush on pagehide can deliver it.
  await page.evaluate(async () => {
    await window.tendDocs.analytics.track('Upgrade Clicked', { plan: 'enterprise' });
  });
  await page.goto(`${OTHER_SITE}/`);
  const last = await waitFor('the last event', async () => (await received(user)).find((m) => m.event === 'Upgrade Clicked'));
  assert.equal(last.account_id, ACCOUNT);
  assert.equal(last.properties.plan, 'enterprise');
});

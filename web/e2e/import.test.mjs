// Browser test of a mapped import on the Data page against a real `tend serve`: upload a
// HubSpot companies export, tend proposes the mapping, the dry run shows the rows as tend sees
// them and the problem (Lifecycle Stage values), the person corrects the mapping in the
// editor, the dry run is clean, the import writes the customers, and the API has them.
// Run last by tests/integration/web_ui_test.py (it adds accounts to the shared workspace).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
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

const sample = fileURLToPath(new URL('../../tests/data/presets/hubspot-companies.csv', import.meta.url));

test("ops imports a HubSpot export through a proposed, corrected mapping", async (t) => {
  const { context, page, api, errors } = await signedIn(browser, 'ops');
  t.after(() => context.close());
  await page.goto(new URL('admin/data', page.url()).toString());
  await page.waitForSelector(tid(T.mappedImport));
  await page.selectOption(tid(T.mappedKind), 'accounts');
  await page.setInputFiles(tid(T.mappedFile), sample);
  await page.click(tid(T.mappedPropose));
  const editor = `${tid(T.mappedEditor)} textarea`;
  await page.waitForSelector(editor);
  const proposed = await page.inputValue(editor);
  assert.match(proposed, /account_id: Record ID/);
  assert.match(proposed, /start_date: \{column: Create Date, format: "YYYY-MM-DD HH:MM"\}/);
  // The dry run: the rows as tend sees them, and what to fix.
  await page.click(tid(T.mappedDryRun));
  await page.waitForSelector(tid(T.mappedPreview));
  assert.equal(await page.getAttribute(tid(T.mappedResult), 'data-committed'), 'false');
  assert.ok(Number(await page.getAttribute(tid(T.mappedResult), 'data-problems')) > 0);
  assert.match((await page.textContent(tid(T.mappedProblems))) ?? '', /column "Lifecycle Stage" \(status\): "Customer" is not one of active\|churned/);
  await screenshot(page, 'import-dry-run');
  // Corrected in the editor: a value map, and only the customers.
  const fixed =
    proposed.replace(
      '  status: Lifecycle Stage\n',
      '  status: {column: Lifecycle Stage, values: {Customer: active, Evangelist: active, Former customer: churned}}\n',
    ) + 'only: {column: Lifecycle Stage, values: [Customer, Evangelist, Former customer]}\n';
  await page.fill(editor, fixed);
  await page.click(tid(T.mappedDryRun));
  await waitFor('a clean dry run', async () => (await page.getAttribute(tid(T.mappedResult), 'data-problems')) === '0');
  await assert.rejects(api.get('/api/accounts/9012345671'), 'a dry run writes nothing');
  await page.click(tid(T.mappedImportButton));
  await waitFor('the import', async () => (await page.getAttribute(tid(T.mappedResult), 'data-committed')) === 'true');
  await waitFor('the imported account', async () => (await api.call('GET', '/api/accounts/9012345671')).status === 200);
  const acc = await api.get('/api/accounts/9012345671');
  assert.equal(acc.account.name, 'Northwind Traders');
  await screenshot(page, 'import-done');
  // The next file with the same columns starts from the saved mapping.
  await page.click(tid(T.mappedPropose));
  await waitFor('the saved mapping', async () => (await page.textContent(tid(T.mappedColumns)))?.startsWith('Your saved mapping'));
  assert.equal(await page.inputValue(editor), fixed);
  assert.deepEqual(errors, []);
});

// Browser test of the public survey page at phone width (no login, no scripts of its own): the
// page fits a phone's width, a score is chosen with a tap, a comment is typed, and the page
// thanks. Run by tests/integration/survey_mail_test.py with a fresh personal link:
//   TEND_SURVEY_URL=http://127.0.0.1:8080/s/TOKEN node --test e2e/survey_page.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch } from './pages.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a survey is answered on the public page at phone width', async () => {
  const url = process.env.TEND_SURVEY_URL;
  assert.ok(url, 'TEND_SURVEY_URL is the personal link to open');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const response = await page.goto(url);
  assert.equal(response.status(), 200);
  assert.ok(await page.isVisible('h1'));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await page.tap('label:has(input[value="9"])');
  await page.fill('textarea[name="comment"]', 'Answered on a phone');
  await Promise.all([page.waitForNavigation(), page.tap('button[type="submit"]')]);
  assert.match(await page.textContent('[role="status"]'), /Thank you/);
  assert.equal(await page.isChecked('input[value="9"]'), true);
  assert.equal(await page.inputValue('textarea[name="comment"]'), 'Answered on a phone');
  await context.close();
});

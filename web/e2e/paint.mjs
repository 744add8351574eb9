// Measures the dashboard's first meaningful paint (its color counts visible) on a running
// server: node web/e2e/paint.mjs URL EMAIL PASSWORD [runs]. Prints each run and the median.
import { chromium } from 'playwright-core';

const [url, email, password, runs = '5'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const login = await context.request.post(url + '/api/login', { data: { email, password } });
if (!login.ok()) throw new Error('login failed: ' + login.status());
const page = await context.newPage();
await page.goto(url + '/');  // warm: assets cached as a returning user's browser has them
await page.getByTestId('color-key').waitFor();
const times = [];
for (let i = 0; i < Number(runs); i++) {
  const start = Date.now();
  await page.goto(url + '/?r=' + i);
  await page.getByTestId('color-key').waitFor();
  times.push(Date.now() - start);
}
const cold = await browser.newContext({ viewport: { width: 1280, height: 800 } });
await cold.request.post(url + '/api/login', { data: { email, password } });
const p2 = await cold.newPage();
const s2 = Date.now();
await p2.goto(url + '/');
await p2.getByTestId('color-key').waitFor();
const coldMs = Date.now() - s2;
times.sort((a, b) => a - b);
console.log(`dashboard paint: runs ${times.join(', ')} ms; median ${times[times.length >> 1]} ms; ` +
            `first visit (empty cache) ${coldMs} ms`);
await browser.close();

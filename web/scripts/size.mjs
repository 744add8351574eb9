// Prints the gzip size of the JavaScript the build ships (../build/web/assets/*.js) and fails
// when it is over the budget (500 KB gzip), so the budget cannot be broken silently.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 500 * 1024;
const dir = new URL('../../build/web/assets/', import.meta.url).pathname;
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.js'))
  .map((f) => {
    const raw = readFileSync(join(dir, f));
    return { f, raw: raw.length, gz: gzipSync(raw, { level: 9 }).length };
  })
  .sort((a, b) => b.gz - a.gz);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = 0;
let totalRaw = 0;
for (const r of rows) {
  total += r.gz;
  totalRaw += r.raw;
  console.log(`  ${r.f.padEnd(44)} ${kb(r.raw).padStart(10)}  gzip ${kb(r.gz).padStart(9)}`);
}
console.log(`JavaScript shipped: ${rows.length} files, ${kb(totalRaw)}, gzip ${kb(total)} (budget ${kb(BUDGET)})`);
if (total > BUDGET) {
  console.error(`size: the JavaScript is over budget by ${kb(total - BUDGET)}`);
  process.exit(1);
}

// Bundles a browser entry that imports @segment/analytics-next (from this folder's
// node_modules: no CDN) into one script, with esbuild.
//   node bundle.mjs ENTRY.js OUT.js GLOBAL_NAME
// The entry's exports become window[GLOBAL_NAME]. segment_browser_test.py runs it.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [entry, out, globalName] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  format: 'iife',
  globalName,
  platform: 'browser',
  target: 'es2020',
  nodePaths: [join(here, 'node_modules')],
  logLevel: 'warning',
});
console.log(`bundled ${out}`);

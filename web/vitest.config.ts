// Vitest configuration of the unit tests (`npm test`): the `*.test.ts` files beside the code
// in src/. They run in Node (no DOM); a test that needs a browser global stubs it. The build
// (vite.config.ts) never sees these files: it bundles only what index.html imports.
import { defineConfig } from 'vitest/config';

// Formatting depends on the default locale and time zone, which the test workers (forked from
// this process) take from the environment at start-up: pin both so results are the same on
// every machine.
process.env.LC_ALL = 'en_US.UTF-8';
process.env.LANG = 'en_US.UTF-8';
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Two cores shared with the C++ build and the browser tests: keep it light.
    pool: 'forks',
    maxWorkers: 1,
    restoreMocks: true,
    unstubGlobals: true,
  },
});

// Vite configuration of the tend web app. `npm run build` writes the app to ../build/web,
// which `tend serve` serves at `/`; `npm run dev` proxies the API to a local `tend serve`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.TEND_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  // Relative asset URLs: the server's index page sets <base href> to where the app is served
  // ("/", or the --base-path prefix), so one build works at the root and under a prefix.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // React and the router change rarely: one cached chunk. ECharts only loads with charts.
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/v1': { target: api, changeOrigin: false },
      '/healthz': { target: api, changeOrigin: false },
    },
  },
});

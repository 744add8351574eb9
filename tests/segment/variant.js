// The snippet of docs/getting-started.md without batching (each call is its own request, to
// /v1/t, /v1/i, /v1/g, /v1/p), the key and host from window.TEND_TEST. browser.test.mjs
// loads it.
import { AnalyticsBrowser } from '@segment/analytics-next'

const { writeKey, apiHost } = window.TEND_TEST
const tend = { apiHost, protocol: 'http' }

export const analytics = AnalyticsBrowser.load(
  {
    writeKey,
    cdnSettings: {
      integrations: { 'Segment.io': { apiKey: writeKey, ...tend } },
      metrics: { sampleRate: 0 },
    },
  },
  { integrations: { 'Segment.io': { ...tend, deliveryStrategy: { config: { keepalive: true } } } } },
)

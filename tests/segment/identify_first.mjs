// The order apps usually call Segment in: identify at sign-up, then track, and only later
// group (when the user joins an account). Each call is sent and answered before the next,
// through Segment's official Node library pointed at a local tend server.
//   node identify_first.mjs HOST WRITE_KEY ACCOUNT_ID USER_ID
import { Analytics } from '@segment/analytics-node';

const [host, writeKey, accountId, userId] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', maxEventsInBatch: 1,
                                  flushInterval: 50, maxRetries: 2 });
const errors = [];
analytics.on('error', (e) => errors.push(String(e && (e.reason || e.message || e))));

// Resolves once the library has delivered the message (its callback).
const sent = (call, message) => new Promise((resolve) => {
  analytics[call](message, (err) => {
    if (err) errors.push(`${call}: ${err.message || err}`);
    resolve();
  });
});

await sent('identify', { userId, traits: { name: 'Ida First', email: 'ida@first.example',
                                           title: 'Head of Support' } });
await sent('track', { userId, event: 'Dashboard Viewed', properties: { step: 1 } });
await sent('group', { userId, groupId: accountId, traits: { plan: 'growth' } });
await analytics.closeAndFlush({ timeout: 20000 });
if (errors.length) {
  console.error('errors: ' + errors.join('; '));
  process.exit(1);
}
console.log('sent identify, track, group');

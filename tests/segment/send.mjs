// Sends a group, an identify and N track calls for one account through Segment's official
// Node library pointed at a local tend server, then flushes and exits.
//   node send.mjs HOST WRITE_KEY ACCOUNT_ID USER_ID N
import { Analytics } from '@segment/analytics-node';

const [host, writeKey, accountId, userId, n] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', maxEventsInBatch: 50,
                                  flushInterval: 200, maxRetries: 2 });
const errors = [];
analytics.on('error', (e) => errors.push(String(e && (e.reason || e.message || e))));

analytics.group({ userId, groupId: accountId,
                  traits: { name: 'Segment Client Co', industry: 'Software', arr: 54321 } });
analytics.identify({ userId, traits: { name: 'Sam Client', email: 'sam@client.example',
                                       title: 'VP Operations' } });
for (let i = 0; i < Number(n); i++) {
  analytics.track({ userId, event: i % 2 ? 'Report Exported' : 'Dashboard Viewed',
                    properties: { i }, context: { groupId: accountId } });
}
await analytics.closeAndFlush({ timeout: 20000 });
if (errors.length) {
  console.error('errors: ' + errors.join('; '));
  process.exit(1);
}
console.log('sent ' + n);

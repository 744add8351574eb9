// The webhook delivery log: what rules sent where, with attempts and the last error.
import { Link } from 'react-router-dom';
import * as api from '../../api/endpoints';
import { Async, Empty } from '../../components/Status';
import { StatusFilter, useStatusParam } from '../../components/StatusFilter';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export default function WebhooksPage() {
  const [status, setStatus] = useStatusParam();
  const state = useApi((signal) => api.webhooks(status, signal), [status]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Webhook deliveries</h1>
          <p className="muted">Rules with a webhook action queue a delivery; failed ones are retried with growing pauses. Newest first, up to 500.</p>
        </div>
        <button type="button" onClick={state.reload}>
          Reload
        </button>
      </header>
      <div className="filters">
        <StatusFilter value={status} statuses={['pending', 'delivered', 'failed']} onChange={setStatus} />
      </div>
      <Async state={state} what="deliveries">
        {(d) =>
          d.deliveries.length === 0 ? (
            <Empty title={status ? `No ${status} deliveries` : 'No webhook deliveries yet'}>Deliveries appear when a rule with a webhook action fires.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Account</th>
                  <th scope="col">URL</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Attempts</th>
                  <th scope="col">Last error / next try</th>
                </tr>
              </thead>
              <tbody>
                {d.deliveries.map((w) => (
                  <tr key={w.delivery_id}>
                    <td>{formatDateTime(w.created_at)}</td>
                    <td>{w.rule}</td>
                    <td>
                      <Link to={`/accounts/${encodeURIComponent(w.account_id)}`}>{w.account_id}</Link>
                    </td>
                    <td className="break">{w.url}</td>
                    <td>
                      <span className={`tag webhook-${w.status}`}>{w.status}</span>
                      {w.delivered_at && <div className="muted small">{formatDateTime(w.delivered_at)}</div>}
                    </td>
                    <td className="num">{w.attempts}</td>
                    <td className="small">
                      {w.last_error || '—'}
                      {w.next_attempt_at && w.status !== 'delivered' && <div className="muted">next {formatDateTime(w.next_attempt_at)}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </div>
  );
}

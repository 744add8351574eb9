// The dashboard's card of the requests with the most ARR at risk asking for them
// (docs/feedback.md): horizontal bars, each a link to the request.
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as fb from '../../api/feedback';
import { Empty, ErrorMessage, Loading } from '../../components/Status';
import { formatMoneyCompact } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export function TopRequestsCard({ limit = 6 }: { limit?: number }) {
  const state = useApi((signal) => fb.listRequests({ sort: 'arr_at_risk', order: 'desc', status: 'new,under_review,planned,in_progress', limit }, signal), [limit]);
  const rows = (state.data?.requests ?? []).filter((r) => r.arr_at_risk > 0);
  const max = Math.max(1, ...rows.map((r) => r.arr_at_risk));
  return (
    <section className="card" aria-labelledby="top-requests-title" data-testid={T.topRequests}>
      <header className="card-header">
        <h2 id="top-requests-title">Top open requests by ARR at risk</h2>
        <Link to="/requests">All requests →</Link>
      </header>
      {state.error && !state.data ? (
        <ErrorMessage error={state.error} retry={state.reload} />
      ) : !state.data ? (
        <Loading what="Loading the requests" inline />
      ) : rows.length === 0 ? (
        <Empty title="No open request with ARR at risk" />
      ) : (
        <ul className="plain-list bars">
          {rows.map((r) => (
            <li key={r.request_id}>
              <Link to={`/requests/${r.request_id}`}>{r.title}</Link>{' '}
              <span className="muted small">
                {formatMoneyCompact(r.arr_at_risk)} · {r.accounts} accounts
              </span>
              <div className="bar" style={{ width: `${Math.round((100 * r.arr_at_risk) / max)}%`, height: 6, background: '#d9822b', borderRadius: 3 }} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

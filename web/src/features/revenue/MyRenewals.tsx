// The Cockpit's renewals: those the signed-in CSM owns in the next 90 days, each opening its
// account. Nothing shows when there are none.
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import { renewalsDue } from '../../api/revenue';
import { formatDay, formatMoney, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export function MyRenewals() {
  const state = useApi((s) => renewalsDue(90, s, 'me'), []);
  const list = state.data?.renewals ?? [];
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="my-renewals-title" data-testid={T.myRenewals}>
      <header className="card-header">
        <h2 id="my-renewals-title">Your renewals in the next 90 days</h2>
      </header>
      <table className="table">
        <thead>
          <tr>
            <th>Date</th>
            <th>Account</th>
            <th>Stage</th>
            <th>Forecast</th>
            <th className="num">ARR at stake</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.subscription_id}>
              <td>{formatDay(r.renewal_date)}</td>
              <td>
                <Link to={`/accounts/${encodeURIComponent(r.account_id)}`}>{r.account_id}</Link>
              </td>
              <td>{humanize(r.stage)}</td>
              <td>{humanize(r.forecast)}</td>
              <td className="num">{formatMoney(r.arr_at_stake)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

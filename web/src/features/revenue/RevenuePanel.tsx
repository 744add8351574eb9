// The Customer 360's revenue panel: ARR (derived from subscriptions), seats, the next renewal,
// two years of ARR history, the subscriptions and the latest purchases. Nothing shows for an
// account without subscriptions or purchases.
import { accountRevenue } from '../../api/revenue';
import { Sparkline } from '../../components/Sparkline';
import { T } from '../../../e2e/selectors.mjs';
import { formatDay, formatDateTime, formatInt, formatMoney, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export function RevenuePanel({ accountId }: { accountId: string }) {
  const state = useApi((s) => accountRevenue(accountId, s), [accountId]);
  const r = state.data;
  if (!r || (r.subscriptions.length === 0 && r.purchases.length === 0)) return null;
  const weekly = r.arr_history.filter((_, i) => i % 7 === 0).map((d) => d.arr);
  const max = Math.max(1, ...weekly);
  const next = r.next_renewal;
  return (
    <section className="card" aria-label="Revenue" data-testid={T.accountRevenue}>
      <header className="card-header">
        <h2>Revenue</h2>
      </header>
      <p>
        ARR <strong data-testid={T.accountRevenueArr}>{formatMoney(r.arr)}</strong>
        {r.seats_purchased != null && <> · {formatInt(r.seats_purchased)} seats</>}
        {next && (
          <>
            {' '}
            · next renewal <strong>{formatDay(next.renewal_date)}</strong> ({humanize(next.stage)}, {humanize(next.forecast)},{' '}
            {formatMoney(next.arr_at_stake)} at stake, {next.owner || 'no owner'})
          </>
        )}
      </p>
      <Sparkline values={weekly} min={0} max={max} width={360} height={40} label="ARR over the last two years" />
      <table className="table">
        <thead>
          <tr>
            <th>Subscription</th>
            <th>Product</th>
            <th>Plan</th>
            <th className="num">Seats</th>
            <th className="num">ARR</th>
            <th>Term</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {r.subscriptions.map((s) => (
            <tr key={s.subscription_id}>
              <td>{s.subscription_id}</td>
              <td>{s.product}</td>
              <td>{s.plan}</td>
              <td className="num">{formatInt(s.quantity)}</td>
              <td className="num">{formatMoney(s.arr)}</td>
              <td>
                {formatDay(s.start_date)} – {formatDay(s.end_date)}
              </td>
              <td>{humanize(s.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.purchases.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Purchase</th>
              <th>When</th>
              <th>Kind</th>
              <th className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {r.purchases
              .slice(-10)
              .reverse()
              .map((p) => (
                <tr key={p.purchase_id}>
                  <td>{p.purchase_id}</td>
                  <td>{formatDateTime(p.ts)}</td>
                  <td>{humanize(p.kind)}</td>
                  <td className="num">{formatMoney(p.amount)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

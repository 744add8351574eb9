// The Customer 360's revenue panel: ARR (derived from subscriptions), seats, the next renewal,
// two years of ARR history, the subscriptions and the latest purchases. Nothing shows for an
// account without subscriptions or purchases.
import { useState, type FormEvent } from 'react';
import { accountRevenue, editRenewal, type Renewal } from '../../api/revenue';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { can } from '../../lib/roles';
import { useUser } from '../../session/SessionContext';
import { Sparkline } from '../../components/Sparkline';
import { T } from '../../../e2e/selectors.mjs';
import { formatDay, formatDateTime, formatInt, formatMoney, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';

export function RevenuePanel({ accountId }: { accountId: string }) {
  const state = useApi((s) => accountRevenue(accountId, s), [accountId]);
  const user = useUser();
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
      {next && can.editRenewals(user.role) && <RenewalForm renewal={next} onSaved={state.reload} />}
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

const STAGES = ['upcoming', 'in_progress', 'renewed', 'churned', 'downsell'];
const FORECAST_OPTIONS = ['commit', 'best_case', 'at_risk'];

// Edits the next renewal's stage, forecast, owner and ARR at stake (PATCH /api/renewals/{id}).
function RenewalForm({ renewal, onSaved }: { renewal: Renewal; onSaved: () => void }) {
  const toast = useToast();
  const [stage, setStage] = useState(renewal.stage);
  const [forecast, setForecast] = useState<string>(renewal.forecast);
  const [owner, setOwner] = useState(renewal.owner);
  const [atStake, setAtStake] = useState(String(renewal.arr_at_stake));
  const [busy, setBusy] = useState(false);
  async function save(e: FormEvent) {
    e.preventDefault();
    const n = Number(atStake);
    if (!Number.isFinite(n) || n < 0) {
      toast({ kind: 'error', text: 'ARR at stake must be a number of 0 or more.' });
      return;
    }
    setBusy(true);
    try {
      await editRenewal(renewal.subscription_id, { stage, forecast: forecast as Renewal['forecast'], owner, arr_at_stake: n });
      toast({ kind: 'success', text: 'Renewal updated.' });
      onSaved();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'edit this renewal') });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="filters" onSubmit={save} aria-label="Edit the next renewal" data-testid={T.renewalForm}>
      <label className="inline-field">
        Stage
        <select value={stage} onChange={(e) => setStage(e.target.value)} data-testid={T.renewalStage}>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {humanize(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Forecast
        <select value={forecast} onChange={(e) => setForecast(e.target.value)} data-testid={T.renewalForecast}>
          {FORECAST_OPTIONS.map((f) => (
            <option key={f} value={f}>
              {humanize(f)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        Owner
        <input value={owner} onChange={(e) => setOwner(e.target.value)} />
      </label>
      <label className="inline-field">
        ARR at stake
        <input value={atStake} inputMode="decimal" onChange={(e) => setAtStake(e.target.value)} data-testid={T.renewalAtStake} />
      </label>
      <button type="submit" disabled={busy} data-testid={T.renewalSave}>
        Save renewal
      </button>
    </form>
  );
}

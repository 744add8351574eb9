// The Revenue page for CS leaders (docs/revenue.md): the trailing-twelve-month retention
// figures, ARR over the last year with its new / expansion / contraction / churn bridge, the
// GRR and NRR trend, and the renewals of the next 30/60/90/180 days by forecast with the ARR
// at stake; each renewal opens its account.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import { arrHistory, renewalsDue, revenueMetrics, type RevenueMetrics } from '../../api/revenue';
import { Chart } from '../../components/Chart';
import { Async, Empty } from '../../components/Status';
import type { ChartOption } from '../../lib/echarts';
import { formatDay, formatInt, formatMoney, formatMoneyCompact, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { FORECASTS, formatRatio, monthlyBridge, renewalWindows } from './revenue';

const BRIDGE_COLORS = { new: '#2e7d32', expansion: '#66bb6a', contraction: '#ffa726', churn: '#e53935' };

export default function RevenuePage() {
  const metrics = useApi((s) => revenueMetrics(12, s), []);
  return (
    <div className="page" data-testid={T.revenuePage}>
      <header className="page-header">
        <h1>Revenue</h1>
        {metrics.data && <p className="muted">Trailing {metrics.data.window_days} days to {formatDay(metrics.data.as_of)}</p>}
      </header>
      <Async state={metrics} what="the revenue figures">
        {(m) => <RevenueBody m={m} />}
      </Async>
    </div>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note: string; testId: string }) {
  return (
    <div className="card kpi" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      <span className="kpi-note">{note}</span>
    </div>
  );
}

function RevenueBody({ m }: { m: RevenueMetrics }) {
  const f = m.figures;
  const from = useMemo(() => {
    const d = new Date(`${m.as_of}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 365);
    return d.toISOString().slice(0, 10);
  }, [m.as_of]);
  const history = useApi((s) => arrHistory(from, s), [from]);
  const renewals = useApi((s) => renewalsDue(180, s), []);
  return (
    <>
      <section className="kpis" aria-label="Retention">
        <Figure label="Gross revenue retention" value={formatRatio(f.grr)} note="kept of the ARR a year ago" testId={T.revenueGrr} />
        <Figure label="Net revenue retention" value={formatRatio(f.nrr)} note="with expansion" testId={T.revenueNrr} />
        <Figure label="Logo retention" value={formatRatio(f.logo_retention)} note="customers kept" testId={T.revenueLogo} />
        <Figure label="ARR now" value={formatMoney(f.ending_arr)} note={`from ${formatMoney(f.starting_arr)}`} testId={T.revenueEnding} />
      </section>
      <section className="kpis" aria-label="ARR bridge">
        <Figure label="New" value={formatMoney(f.new_arr)} note="customers without ARR a year ago" testId={T.revenueNew} />
        <Figure label="Expansion" value={formatMoney(f.expansion_arr)} note="growth of retained customers" testId={T.revenueExpansion} />
        <Figure label="Contraction" value={formatMoney(f.contraction_arr)} note="shrinkage of retained customers" testId={T.revenueContraction} />
        <Figure label="Churned" value={formatMoney(f.churned_arr)} note="ARR of customers lost" testId={T.revenueChurned} />
      </section>
      <div className="grid grid-2">
        <section className="card" aria-label="ARR over the last year">
          <header className="card-header">
            <h2>ARR over the last year</h2>
          </header>
          <Async state={history} what="the ARR history">
            {(h) => <BridgeChart days={h.days} />}
          </Async>
        </section>
        <section className="card" aria-label="GRR and NRR trend">
          <header className="card-header">
            <h2>GRR and NRR, trailing twelve months</h2>
          </header>
          <RetentionTrend m={m} />
        </section>
      </div>
      <section className="card" aria-labelledby="revenue-renewals-title" data-testid={T.revenueRenewals}>
        <header className="card-header">
          <h2 id="revenue-renewals-title">Renewals ahead</h2>
        </header>
        <Async state={renewals} what="the renewals">
          {(r) => <RenewalsView renewals={r.renewals} asOf={r.as_of} />}
        </Async>
      </section>
    </>
  );
}

function BridgeChart({ days }: { days: Parameters<typeof monthlyBridge>[0] }) {
  const months = useMemo(() => monthlyBridge(days), [days]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : String(v)) },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: months.map((x) => x.month) },
      yAxis: [
        { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v) } },
        { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v) } },
      ],
      series: [
        { name: 'ARR', type: 'line', yAxisIndex: 1, data: months.map((x) => Math.round(x.arr)) },
        { name: 'New', type: 'bar', stack: 'b', itemStyle: { color: BRIDGE_COLORS.new }, data: months.map((x) => Math.round(x.new)) },
        { name: 'Expansion', type: 'bar', stack: 'b', itemStyle: { color: BRIDGE_COLORS.expansion }, data: months.map((x) => Math.round(x.expansion)) },
        { name: 'Contraction', type: 'bar', stack: 'b', itemStyle: { color: BRIDGE_COLORS.contraction }, data: months.map((x) => -Math.round(x.contraction)) },
        { name: 'Churn', type: 'bar', stack: 'b', itemStyle: { color: BRIDGE_COLORS.churn }, data: months.map((x) => -Math.round(x.churn)) },
      ],
    }),
    [months],
  );
  if (months.length === 0) return <Empty title="No ARR history" />;
  return <Chart option={option} label="ARR by month with the new, expansion, contraction and churn bridge" testId={T.revenueBridgeChart} height={280} />;
}

function RetentionTrend({ m }: { m: RevenueMetrics }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : String(v)) },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: m.trend.map((t) => t.as_of) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
      series: [
        { name: 'GRR', type: 'line', data: m.trend.map((t) => +(100 * t.grr).toFixed(1)) },
        { name: 'NRR', type: 'line', data: m.trend.map((t) => +(100 * t.nrr).toFixed(1)) },
      ],
    }),
    [m.trend],
  );
  if (m.trend.length === 0) return <Empty title="No trend yet" />;
  return <Chart option={option} label="GRR and NRR over the last year" testId={T.revenueTrendChart} height={280} />;
}

function RenewalsView({ renewals, asOf }: { renewals: Parameters<typeof renewalWindows>[0]; asOf: string }) {
  const windows = useMemo(() => renewalWindows(renewals, asOf), [renewals, asOf]);
  const soon = renewals.slice(0, 50);
  return (
    <>
      <table className="table" data-testid={T.revenueWindows}>
        <thead>
          <tr>
            <th>Due within</th>
            <th className="num">Renewals</th>
            {FORECASTS.map((f) => (
              <th key={f} className="num">
                {humanize(f)}
              </th>
            ))}
            <th className="num">ARR at stake</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.days} data-testid={T.revenueWindowRow}>
              <td>{w.days} days</td>
              <td className="num">{formatInt(w.count)}</td>
              {FORECASTS.map((f) => (
                <td key={f} className="num">
                  {formatMoney(w.atStake[f])}
                </td>
              ))}
              <td className="num">{formatMoney(w.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {soon.length === 0 ? (
        <Empty title="No renewals in the next 180 days" />
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Date</th>
              <th>Account</th>
              <th>Product</th>
              <th>Stage</th>
              <th>Forecast</th>
              <th>Owner</th>
              <th className="num">ARR at stake</th>
            </tr>
          </thead>
          <tbody>
            {soon.map((r) => (
              <tr key={r.subscription_id}>
                <td>{formatDay(r.renewal_date)}</td>
                <td>
                  <Link to={`/accounts/${encodeURIComponent(r.account_id)}`}>{r.account_id}</Link>
                </td>
                <td>{r.product}</td>
                <td>{humanize(r.stage)}</td>
                <td>{humanize(r.forecast)}</td>
                <td>{r.owner}</td>
                <td className="num">{formatMoney(r.arr_at_stake)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

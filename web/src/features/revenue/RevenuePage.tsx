// The Revenue page for CS leaders (docs/revenue.md): the trailing-twelve-month retention
// figures, ARR over the last year with its new / expansion / contraction / churn bridge, the
// GRR and NRR trend, and the renewals of the next 30/60/90/180 days by forecast and by health
// with the ARR at stake. Every figure opens the accounts behind it (?accounts=movement,...:
// with their health, last before churn for the churned, and CTAs); every renewal cell filters
// the renewal list, and each renewal opens its account and the CTAs about it.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import {
  arrHistory,
  movedAccounts,
  renewalsDue,
  revenueMetrics,
  type Movement,
  type MovedAccount,
  type Renewal,
  type RenewalForecast,
  type RevenueMetrics,
} from '../../api/revenue';
import { Chart } from '../../components/Chart';
import { HealthBadge } from '../../components/Health';
import { Async, Empty } from '../../components/Status';
import type { ChartOption } from '../../lib/echarts';
import { formatDay, formatInt, formatMoney, formatMoneyCompact, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import {
  FIGURE_MOVEMENTS,
  FORECASTS,
  HEALTH_COLORS,
  formatRatio,
  inWindow,
  monthWindow,
  monthlyBridge,
  parseMonthFigure,
  renewalHealthWindows,
  SERIES_MOVEMENTS,
  renewalWindows,
  type HealthColor,
} from './revenue';

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

// A figure; clicking it lists the accounts behind it (FIGURE_MOVEMENTS[figure]).
function Figure({ label, value, note, testId, figure }: { label: string; value: string; note: string; testId: string; figure: string }) {
  const [params, setParams] = useSearchParams();
  const open = params.get('figure') === figure;
  return (
    <button
      type="button"
      className={`card kpi kpi-link${open ? ' selected' : ''}`}
      data-testid={testId}
      aria-pressed={open}
      title={`Show the accounts behind ${label.toLowerCase()}`}
      onClick={() => {
        const next = new URLSearchParams(params);
        if (open) next.delete('figure');
        else next.set('figure', figure);
        setParams(next, { replace: true });
      }}
    >
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      <span className="kpi-note">{note}</span>
    </button>
  );
}

const FIGURE_LABELS: Record<string, string> = {
  grr: 'Gross revenue retention: the accounts that churned or contracted',
  nrr: 'Net revenue retention: the accounts that churned, contracted or expanded',
  logo: 'Logo retention: the customers lost',
  ending: 'ARR now: every account with ARR',
  new: 'New ARR: customers without ARR a year ago',
  expansion: 'Expansion: retained customers that grew',
  contraction: 'Contraction: retained customers that shrank',
  churned: 'Churned ARR: customers lost',
};

// The accounts behind the figure named in ?figure= (a figure, one movement after another, or
// a bar of the bridge chart: "month:YYYY-MM:movement", that movement over the month).
function FigureAccounts({ asOf }: { asOf: string }) {
  const [params] = useSearchParams();
  const figure = params.get('figure') ?? '';
  const month = parseMonthFigure(figure);
  const movements: Movement[] = month ? [month.movement] : (FIGURE_MOVEMENTS[figure] ?? []);
  const window = month ? monthWindow(month.month, asOf) : undefined;
  const lists = useApi(
    async (signal) => Promise.all(movements.map((m) => movedAccounts(m, signal, window))),
    [figure],
  );
  if (movements.length === 0) return null;
  const title = month ? `${humanize(month.movement)} in ${month.month} (from the month before to ${window?.asOf})` : FIGURE_LABELS[figure];
  return (
    <section className="card" aria-labelledby="revenue-accounts-title" data-testid={T.revenueAccounts} data-figure={figure}>
      <header className="card-header">
        <h2 id="revenue-accounts-title">{title}</h2>
      </header>
      <Async state={lists} what="the accounts">
        {(ls) => {
          const rows: (MovedAccount & { movement: Movement })[] = ls.flatMap((l) => l.accounts.map((a) => ({ ...a, movement: l.movement })));
          const shown = ls.reduce((n, l) => n + l.accounts.length, 0);
          const total = ls.reduce((n, l) => n + l.total, 0);
          if (total === 0) return <Empty title="No accounts" />;
          return (
            <>
              <p className="muted small" data-testid={T.revenueAccountsSummary}>
                {ls.map((l) => `${formatInt(l.total)} ${humanize(l.movement).toLowerCase()} (${formatMoney(l.amount)})`).join(', ')}
                {shown < total ? `; the ${formatInt(shown)} largest shown` : ''}.
              </p>
              <table className="table">
                <thead>
                  <tr>
                    <th>Account</th>
                    <th>Movement</th>
                    <th>Segment</th>
                    <th>CSM</th>
                    <th className="num">ARR a year ago</th>
                    <th className="num">ARR now</th>
                    <th className="num">Change</th>
                    <th>Health</th>
                    <th>CTAs</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={`${a.movement}-${a.account_id}`} data-testid={T.revenueAccountRow} data-account={a.account_id}>
                      <td>
                        <Link to={`/accounts/${encodeURIComponent(a.account_id)}`}>{a.name || a.account_id}</Link>
                      </td>
                      <td>
                        {humanize(a.movement)}
                        {a.churned_on ? ` on ${formatDay(a.churned_on)}` : ''}
                      </td>
                      <td>{a.segment}</td>
                      <td>{a.csm}</td>
                      <td className="num">{formatMoney(a.starting_arr)}</td>
                      <td className="num">{formatMoney(a.ending_arr)}</td>
                      <td className="num">{formatMoney(a.movement === 'churned' || a.movement === 'contraction' ? -a.amount : a.amount)}</td>
                      <td>
                        {a.health ? (
                          <>
                            <HealthBadge color={a.health.color} overall={a.health.overall} />
                            {a.churned_on && a.health.day ? <span className="muted small"> on {formatDay(a.health.day)}</span> : null}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <CtaLinks ctas={a.ctas} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </Async>
    </section>
  );
}

function CtaLinks({ ctas }: { ctas: MovedAccount['ctas'] }) {
  if (ctas.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="plain-list">
      {ctas.map((c) => (
        <li key={c.cta_id}>
          <Link to={`/cockpit/ctas/${c.cta_id}`}>{c.title}</Link> <span className="muted small">{humanize(c.status)}</span>
        </li>
      ))}
    </ul>
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
        <Figure label="Gross revenue retention" value={formatRatio(f.grr)} note="kept of the ARR a year ago" testId={T.revenueGrr} figure="grr" />
        <Figure label="Net revenue retention" value={formatRatio(f.nrr)} note="with expansion" testId={T.revenueNrr} figure="nrr" />
        <Figure label="Logo retention" value={formatRatio(f.logo_retention)} note="customers kept" testId={T.revenueLogo} figure="logo" />
        <Figure label="ARR now" value={formatMoney(f.ending_arr)} note={`from ${formatMoney(f.starting_arr)}`} testId={T.revenueEnding} figure="ending" />
      </section>
      <section className="kpis" aria-label="ARR bridge">
        <Figure label="New" value={formatMoney(f.new_arr)} note="customers without ARR a year ago" testId={T.revenueNew} figure="new" />
        <Figure label="Expansion" value={formatMoney(f.expansion_arr)} note="growth of retained customers" testId={T.revenueExpansion} figure="expansion" />
        <Figure label="Contraction" value={formatMoney(f.contraction_arr)} note="shrinkage of retained customers" testId={T.revenueContraction} figure="contraction" />
        <Figure label="Churned" value={formatMoney(f.churned_arr)} note="ARR of customers lost" testId={T.revenueChurned} figure="churned" />
      </section>
      <FigureAccounts asOf={m.as_of} />
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

// Clicking a bar lists the accounts behind it (?figure=month:YYYY-MM:movement).
function BridgeChart({ days }: { days: Parameters<typeof monthlyBridge>[0] }) {
  const months = useMemo(() => monthlyBridge(days), [days]);
  const [params, setParams] = useSearchParams();
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
  return (
    <Chart
      option={option}
      label="ARR by month with the new, expansion, contraction and churn bridge; a bar opens its accounts"
      testId={T.revenueBridgeChart}
      height={280}
      onPick={(p) => {
        const movement = SERIES_MOVEMENTS[p.seriesName ?? ''];
        if (!movement || !p.name) return;
        const next = new URLSearchParams(params);
        next.set('figure', `month:${p.name}:${movement}`);
        setParams(next, { replace: true });
      }}
    />
  );
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

interface RenewalFilter {
  days: number;
  forecast?: RenewalForecast;
  color?: HealthColor;
}

// A table cell that filters the renewal list below to its window (and forecast or color).
function FilterCell({ f, current, onPick, children }: { f: RenewalFilter; current: RenewalFilter; onPick: (f: RenewalFilter) => void; children: string }) {
  const on = current.days === f.days && current.forecast === f.forecast && current.color === f.color;
  return (
    <td className="num">
      <button type="button" className={`link-button${on ? ' selected' : ''}`} aria-pressed={on} onClick={() => onPick(f)}>
        {children}
      </button>
    </td>
  );
}

function RenewalsView({ renewals, asOf }: { renewals: Renewal[]; asOf: string }) {
  const windows = useMemo(() => renewalWindows(renewals, asOf), [renewals, asOf]);
  const byHealth = useMemo(() => renewalHealthWindows(renewals, asOf), [renewals, asOf]);
  const [filter, setFilter] = useState<RenewalFilter>({ days: 180 });
  const picked = useMemo(() => renewals.filter((r) => inWindow(r, asOf, filter.days, filter.forecast, filter.color)), [renewals, asOf, filter]);
  const soon = picked.slice(0, 50);
  const what = [`due within ${filter.days} days`, filter.forecast ? humanize(filter.forecast).toLowerCase() : '', filter.color ? `${filter.color} health` : '']
    .filter(Boolean)
    .join(', ');
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
                <FilterCell key={f} f={{ days: w.days, forecast: f }} current={filter} onPick={setFilter}>
                  {formatMoney(w.atStake[f])}
                </FilterCell>
              ))}
              <FilterCell f={{ days: w.days }} current={filter} onPick={setFilter}>
                {formatMoney(w.total)}
              </FilterCell>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>ARR at stake by health now</h3>
      <table className="table" data-testid={T.revenueHealthWindows}>
        <thead>
          <tr>
            <th>Due within</th>
            {HEALTH_COLORS.map((c) => (
              <th key={c} className="num">
                <HealthBadge color={c} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {byHealth.map((w) => (
            <tr key={w.days} data-testid={T.revenueHealthRow}>
              <td>{w.days} days</td>
              {HEALTH_COLORS.map((c) => (
                <FilterCell key={c} f={{ days: w.days, color: c }} current={filter} onPick={setFilter}>
                  {`${formatMoney(w.atStake[c])} (${formatInt(w.count[c])})`}
                </FilterCell>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h3 data-testid={T.revenueRenewalsShown}>
        {formatInt(picked.length)} renewals {what}
        {picked.length > soon.length ? `; the first ${soon.length} shown` : ''}
      </h3>
      {soon.length === 0 ? (
        <Empty title="No renewals here" />
      ) : (
        <table className="table" data-testid={T.revenueRenewalList}>
          <thead>
            <tr>
              <th>Date</th>
              <th>Account</th>
              <th>Product</th>
              <th>Stage</th>
              <th>Forecast</th>
              <th>Owner</th>
              <th>Health</th>
              <th>CTAs</th>
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
                <td>{r.health ? <HealthBadge color={r.health.color} overall={r.health.overall} /> : <span className="muted">—</span>}</td>
                <td>
                  <CtaLinks ctas={r.ctas ?? []} />
                </td>
                <td className="num">{formatMoney(r.arr_at_stake)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

// The portfolio dashboard: health by color, segment and CSM, average health and ARR at risk
// over 90 days, renewals in the next 90 days, open CTAs, and this week's biggest drops. Every
// chart opens the accounts behind it (click a bar or slice, or its "View accounts" link).
import { useMemo, useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import type { ColorCounts, Dashboard } from '../../api/types';
import { Chart, type Pick } from '../../components/Chart';
import { Change, colorLabel, HealthBadge } from '../../components/Health';
import { Async, Empty } from '../../components/Status';
import { useLiveEvent } from '../../live/LiveContext';
import {
  formatDay,
  formatInt,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  formatScore,
  formatShortDay,
  humanize,
  relativeDays,
} from '../../lib/format';
import { useApi } from '../../lib/useApi';
import type { ChartOption } from '../../lib/echarts';
import { HEALTH_COLORS, accountsUrl, ctasUrl } from './links';
import { TopRequestsCard } from '../feedback/TopRequestsCard';

const COLOR_KEYS: (keyof ColorCounts)[] = ['red', 'yellow', 'green', 'none'];

export default function DashboardPage() {
  const state = useApi((signal) => {
    // The early request (main.tsx) may have gone out before signing in: then ask again.
    const early = api.takeDashboardPrefetch();
    return early ? early.catch(() => api.dashboard(signal)) : api.dashboard(signal);
  }, []);
  // Scores and CTAs change live: reload, at most every few seconds.
  const timer = useRef<number | null>(null);
  const soon = () => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      state.reload();
    }, 5000);
  };
  useLiveEvent('score', soon);
  useLiveEvent('cta', soon);
  useLiveEvent('refresh', soon);

  return (
    <div className="page" data-testid={T.dashboard}>
      <header className="page-header">
        <div>
          <h1>Portfolio</h1>
          {state.data && (
            <p className="muted">
              Health as of {formatDay(state.data.as_of)} · {formatInt(total(state.data.by_color))} active accounts
            </p>
          )}
        </div>
      </header>
      <Async state={state} what="the dashboard">
        {(d) => <DashboardBody d={d} />}
      </Async>
    </div>
  );
}

function total(c: ColorCounts): number {
  return c.red + c.yellow + c.green + c.none;
}

function DashboardBody({ d }: { d: Dashboard }) {
  const navigate = useNavigate();
  const accounts = total(d.by_color);
  if (accounts === 0) {
    return (
      <Empty title="No accounts yet">
        Import accounts (Admin → Data import) or send <code>group</code> calls to <code>/v1</code>, and they appear here.
      </Empty>
    );
  }
  const atRisk = d.arr_at_risk.red + d.arr_at_risk.yellow;
  return (
    <>
      <section className="kpis" aria-label="Key numbers">
        <Kpi label="Red accounts" value={formatInt(d.by_color.red)} note={`${formatPercent(d.by_color.red, accounts)} of accounts`} to={accountsUrl({ color: 'red' })} tone="red" />
        <Kpi
          label="ARR at risk"
          value={formatMoneyCompact(atRisk)}
          note={`${formatPercent(atRisk, d.arr_at_risk.total_arr)} of ${formatMoneyCompact(d.arr_at_risk.total_arr)} · red ${formatMoneyCompact(d.arr_at_risk.red)}, yellow ${formatMoneyCompact(d.arr_at_risk.yellow)}`}
          to={accountsUrl({ color: 'red,yellow', sort: 'arr', order: 'desc' })}
          tone="yellow"
        />
        <Kpi
          label="Renewals in 90 days"
          value={formatInt(d.renewals_90d_total)}
          note={`${d.renewals_90d.filter((r) => r.color === 'red').length} red, ${d.renewals_90d.filter((r) => r.color === 'yellow').length} yellow${
            d.renewals_90d_total > d.renewals_90d.length ? ` among the ${d.renewals_90d.length} soonest` : ''
          }`}
          to={accountsUrl({ renewal_within_days: '90', sort: 'renewal_date', order: 'asc' })}
        />
        {d.predicted_arr_at_risk != null && (
          <Kpi
            label="Predicted ARR at risk"
            value={formatMoneyCompact(d.predicted_arr_at_risk)}
            note={`ARR × churn probability · ${formatPercent(d.predicted_arr_at_risk, d.arr_at_risk.total_arr)} of ARR`}
            to={accountsUrl({ sort: 'churn_risk', order: 'desc' })}
            tone="red"
            testId={T.kpiPredictedRisk}
          />
        )}
        <Kpi label="Open CTAs" value={formatInt(d.ctas_open.total)} note={`${d.ctas_open.by_priority.urgent ?? 0} urgent, ${d.ctas_open.by_priority.high ?? 0} high`} to={ctasUrl({})} />
      </section>

      <div className="grid grid-3">
        <ChartCard title="Health distribution" link={accountsUrl({})} linkLabel="All accounts">
          <ColorDonut counts={d.by_color} onPick={(c) => navigate(accountsUrl({ color: c }))} />
          <ul className="color-key" data-testid={T.colorKey} aria-label="Accounts by health color">
            {COLOR_KEYS.map((c) => (
              <li key={c}>
                <Link to={accountsUrl({ color: c })}>
                  <span className={`dot dot-${c}`} aria-hidden="true" /> {colorLabel(c)} <strong>{formatInt(d.by_color[c])}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </ChartCard>
        <ChartCard title="Health by segment" link={accountsUrl({})} linkLabel="All accounts" wide>
          <StackedBars
            testId={T.chartBySegment}
            label="Accounts by segment and health color"
            rows={d.by_segment.map((s) => ({ key: s.segment, label: s.segment || '(none)', counts: s }))}
            onPick={(key, color) => navigate(accountsUrl({ segment: key, color }))}
          />
        </ChartCard>
      </div>

      <div className="grid grid-2">
        <ChartCard title="Average health, last 90 days" link={accountsUrl({ sort: 'overall', order: 'asc' })} linkLabel="Lowest health first">
          <TrendChart d={d} onPick={(color) => navigate(accountsUrl(color ? { color } : { sort: 'overall', order: 'asc' }))} />
        </ChartCard>
        <ChartCard title="ARR at risk, last 90 days" link={accountsUrl({ color: 'red,yellow', sort: 'arr', order: 'desc' })} linkLabel="Accounts at risk">
          <ArrTrendChart d={d} onPick={(color) => navigate(accountsUrl({ color, sort: 'arr', order: 'desc' }))} />
        </ChartCard>
      </div>

      <div className="grid grid-2">
        <ChartCard title="Health by CSM" link={accountsUrl({})} linkLabel="All accounts">
          <StackedBars
            testId={T.chartByCsm}
            label="Accounts by CSM and health color"
            rows={[...d.by_csm]
              .sort((a, b) => b.red - a.red || b.accounts - a.accounts)
              .map((s) => ({ key: s.csm, label: s.csm || '(no CSM)', counts: s }))}
            onPick={(key, color) => navigate(accountsUrl({ csm: key, color }))}
          />
        </ChartCard>
        <ChartCard title="Open CTAs by type and priority" link={ctasUrl({})} linkLabel="Open the cockpit">
          <CtaBars d={d} onPick={(q) => navigate(ctasUrl(q))} />
        </ChartCard>
        <TopRequestsCard />
      </div>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="renewals-title" data-testid={T.renewals}>
          <header className="card-header">
            <h2 id="renewals-title">Renewals in the next 90 days</h2>
            <Link to={accountsUrl({ renewal_within_days: '90', sort: 'renewal_date', order: 'asc' })}>
              All {formatInt(d.renewals_90d_total)} →
            </Link>
          </header>
          {d.renewals_90d.length === 0 ? (
            <Empty title="No renewals in the next 90 days" />
          ) : (
            <div className="scroll-box">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Renews</th>
                    <th scope="col" className="num">ARR</th>
                    <th scope="col">Health</th>
                  </tr>
                </thead>
                <tbody>
                  {d.renewals_90d.slice(0, 25).map((r) => (
                    <tr key={r.account_id}>
                      <td>
                        <Link to={`/accounts/${encodeURIComponent(r.account_id)}`}>{r.name}</Link>
                        <div className="muted small">{r.csm}</div>
                      </td>
                      <td>
                        {formatShortDay(r.renewal_date)} <span className="muted small">{relativeDays(r.days_to_renewal)}</span>
                      </td>
                      <td className="num">{formatMoney(r.arr)}</td>
                      <td>
                        <HealthBadge color={r.color} overall={r.overall} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="card" aria-labelledby="drops-title" data-testid={T.drops}>
          <header className="card-header">
            <h2 id="drops-title">Biggest health drops this week</h2>
            <Link to={accountsUrl({ sort: 'change_7d', order: 'asc' })}>All, by change →</Link>
          </header>
          {d.drops_7d.length === 0 ? (
            <Empty title="No account lost health this week">Drops appear once a week of daily scores is stored.</Empty>
          ) : (
            <div className="scroll-box">
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Health</th>
                    <th scope="col" className="num">7 days</th>
                  </tr>
                </thead>
                <tbody>
                  {d.drops_7d.map((r) => (
                    <tr key={r.account_id}>
                      <td>
                        <Link to={`/accounts/${encodeURIComponent(r.account_id)}`}>{r.name}</Link>
                        <div className="muted small">{r.csm}</div>
                      </td>
                      <td>
                        <HealthBadge color={r.color} overall={r.overall} />
                      </td>
                      <td className="num">
                        <Change value={r.change_7d} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function Kpi({ label, value, note, to, tone, testId }: { label: string; value: string; note: string; to: string; tone?: string; testId?: string }) {
  return (
    <Link to={to} className={`card kpi ${tone ? `kpi-${tone}` : ''}`} data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      <span className="kpi-note">{note}</span>
    </Link>
  );
}

function ChartCard({
  title,
  link,
  linkLabel,
  wide,
  children,
}: {
  title: string;
  link: string;
  linkLabel: string;
  wide?: boolean;
  children: React.ReactNode;
}) {
  return (
    <section className={`card ${wide ? 'span-2' : ''}`} aria-label={title}>
      <header className="card-header">
        <h2>{title}</h2>
        <Link to={link}>{linkLabel} →</Link>
      </header>
      {children}
    </section>
  );
}

function ColorDonut({ counts, onPick }: { counts: ColorCounts; onPick: (color: string) => void }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          radius: ['48%', '78%'],
          avoidLabelOverlap: true,
          label: { show: false },
          data: COLOR_KEYS.filter((c) => counts[c] > 0).map((c) => ({
            name: colorLabel(c),
            value: counts[c],
            colorKey: c,
            itemStyle: { color: HEALTH_COLORS[c] },
          })),
        },
      ],
    }),
    [counts],
  );
  return (
    <Chart
      option={option}
      height={190}
      label="Accounts by health color"
      testId={T.chartByColor}
      onPick={(p) => onPick((p.data as { colorKey: string }).colorKey)}
    />
  );
}

interface BarRow {
  key: string;
  label: string;
  counts: ColorCounts;
}

function StackedBars({
  rows,
  onPick,
  label,
  testId,
}: {
  rows: BarRow[];
  onPick: (key: string, color: string) => void;
  label: string;
  testId: string;
}) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      series: COLOR_KEYS.map((c) => ({
        name: colorLabel(c),
        type: 'bar',
        stack: 'n',
        barMaxWidth: 22,
        itemStyle: { color: HEALTH_COLORS[c] },
        emphasis: { focus: 'series' },
        data: rows.map((r) => r.counts[c]),
      })),
    }),
    [rows],
  );
  const height = Math.max(160, Math.min(520, rows.length * 28 + 60));
  return (
    <Chart
      option={option}
      height={height}
      label={label}
      testId={testId}
      onPick={(p: Pick) => {
        const color = COLOR_KEYS.find((c) => colorLabel(c) === p.seriesName) ?? '';
        onPick(rows[p.dataIndex].key, color);
      }}
    />
  );
}

function TrendChart({ d, onPick }: { d: Dashboard; onPick: (color: string) => void }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: d.trend.map((t) => formatShortDay(t.date)), boundaryGap: false },
      yAxis: [
        { type: 'value', min: 0, max: 100, interval: 25 },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: 'Average health',
          type: 'line',
          data: d.trend.map((t) => (t.average === null ? null : Number(t.average.toFixed(1)))),
          itemStyle: { color: '#3461c1' },
          lineStyle: { width: 2.5 },
          showSymbol: d.trend.length < 10,
          connectNulls: false,
        },
        {
          name: 'Red accounts',
          type: 'line',
          yAxisIndex: 1,
          data: d.trend.map((t) => t.red),
          itemStyle: { color: HEALTH_COLORS.red },
          lineStyle: { width: 1.5, type: 'dashed' },
          showSymbol: d.trend.length < 10,
        },
        {
          name: 'Yellow accounts',
          type: 'line',
          yAxisIndex: 1,
          data: d.trend.map((t) => t.yellow),
          itemStyle: { color: HEALTH_COLORS.yellow },
          lineStyle: { width: 1.5, type: 'dashed' },
          showSymbol: d.trend.length < 10,
        },
      ],
    }),
    [d.trend],
  );
  if (d.trend.length === 0) return <Empty title="No history yet">The daily refresh stores one point a day.</Empty>;
  const last = d.trend[d.trend.length - 1];
  return (
    <>
      <p className="chart-summary">
        Average <strong>{formatScore(last.average)}</strong> on {formatDay(last.date)} · dashed: red and yellow accounts (right axis)
      </p>
      <Chart
        option={option}
        height={220}
        label="Average health (left axis, 0 to 100) and the number of red and yellow accounts (right axis) over the last 90 days"
        testId={T.chartTrend}
        onPick={(p) => onPick(p.seriesName === 'Red accounts' ? 'red' : p.seriesName === 'Yellow accounts' ? 'yellow' : '')}
      />
    </>
  );
}

function ArrTrendChart({ d, onPick }: { d: Dashboard; onPick: (color: string) => void }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatMoney(v) : String(v)),
      },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: d.trend.map((t) => formatShortDay(t.date)), boundaryGap: false },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v) } },
      series: [
        {
          name: 'Red ARR',
          type: 'line',
          stack: 'arr',
          areaStyle: { opacity: 0.5 },
          showSymbol: d.trend.length < 10,
          itemStyle: { color: HEALTH_COLORS.red },
          data: d.trend.map((t) => Math.round(t.arr_red)),
        },
        {
          name: 'Yellow ARR',
          type: 'line',
          stack: 'arr',
          areaStyle: { opacity: 0.5 },
          showSymbol: d.trend.length < 10,
          itemStyle: { color: HEALTH_COLORS.yellow },
          data: d.trend.map((t) => Math.round(t.arr_yellow)),
        },
      ],
    }),
    [d.trend],
  );
  if (d.trend.length === 0) return <Empty title="No history yet">The daily refresh stores one point a day.</Empty>;
  return (
    <>
      <p className="chart-summary">
        Now <strong>{formatMoney(d.arr_at_risk.red)}</strong> red and <strong>{formatMoney(d.arr_at_risk.yellow)}</strong> yellow
      </p>
      <Chart
        option={option}
        height={220}
        label="ARR of red and yellow accounts over the last 90 days"
        testId={T.chartArrTrend}
        onPick={(p) => onPick(p.seriesName === 'Yellow ARR' ? 'yellow' : 'red')}
      />
    </>
  );
}

const PRIORITY_ORDER = ['urgent', 'high', 'medium', 'low'];
const PRIORITY_COLORS: Record<string, string> = { urgent: '#a61b1b', high: '#d64545', medium: '#d89b00', low: '#8a94a6' };

function CtaBars({ d, onPick }: { d: Dashboard; onPick: (q: Record<string, string>) => void }) {
  const [types, priorities] = useMemo(() => {
    const t = Object.keys(d.ctas_open.by_type).sort((a, b) => d.ctas_open.by_type[b] - d.ctas_open.by_type[a]);
    const p = PRIORITY_ORDER.filter((x) => x in d.ctas_open.by_priority).concat(
      Object.keys(d.ctas_open.by_priority).filter((x) => !PRIORITY_ORDER.includes(x)),
    );
    return [t, p];
  }, [d.ctas_open]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      grid: [
        { left: 8, width: '44%', top: 24, bottom: 8, containLabel: true },
        { right: 8, width: '44%', top: 24, bottom: 8, containLabel: true },
      ],
      xAxis: [
        { type: 'category', gridIndex: 0, data: types.map(humanize), axisLabel: { interval: 0 } },
        { type: 'category', gridIndex: 1, data: priorities.map(humanize), axisLabel: { interval: 0 } },
      ],
      yAxis: [
        { type: 'value', gridIndex: 0, minInterval: 1 },
        { type: 'value', gridIndex: 1, minInterval: 1 },
      ],
      series: [
        {
          name: 'By type',
          type: 'bar',
          xAxisIndex: 0,
          yAxisIndex: 0,
          barMaxWidth: 36,
          itemStyle: { color: '#3461c1' },
          label: { show: true, position: 'top' },
          data: types.map((t) => d.ctas_open.by_type[t]),
        },
        {
          name: 'By priority',
          type: 'bar',
          xAxisIndex: 1,
          yAxisIndex: 1,
          barMaxWidth: 36,
          label: { show: true, position: 'top' },
          data: priorities.map((p) => ({ value: d.ctas_open.by_priority[p], itemStyle: { color: PRIORITY_COLORS[p] ?? '#3461c1' } })),
        },
      ],
    }),
    [d.ctas_open, types, priorities],
  );
  if (d.ctas_open.total === 0) return <Empty title="No open CTAs" />;
  return (
    <>
      <Chart
        option={option}
        height={220}
        label="Open CTAs by type (left) and by priority (right)"
        testId={T.chartCtas}
        onPick={(p) => onPick(p.seriesName === 'By type' ? { type: types[p.dataIndex] } : { priority: priorities[p.dataIndex] })}
      />
      <p className="chart-keys small">
        {types.map((t) => (
          <Link key={t} to={ctasUrl({ type: t })}>
            {humanize(t)} {d.ctas_open.by_type[t]}
          </Link>
        ))}
        <span aria-hidden="true">·</span>
        {priorities.map((p) => (
          <Link key={p} to={ctasUrl({ priority: p })}>
            {humanize(p)} {d.ctas_open.by_priority[p]}
          </Link>
        ))}
      </p>
    </>
  );
}

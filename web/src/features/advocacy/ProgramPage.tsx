// The advocacy program at a glance: its health (advocacy NPS, participation per activity,
// advocates' renewal rate, influenced deals), burnout (asks per advocate, declines, advocates
// over their cap, extraction warnings), trends over six month ends, the tiers with their
// capacity, the funnel, reference requests by status, the impact on health, and (ops, admin)
// the settings: caps, capacities and the minimum days between asks.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { REQUEST_STATUSES, type AdvocacyImpact, type AdvocacyProgram, type AdvocacySettings, type ImpactGroup } from '../../api/types';
import { Chart } from '../../components/Chart';
import { Async, Empty, ErrorMessage } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import type { ChartOption } from '../../lib/echarts';
import { describeError } from '../../lib/errors';
import { formatDay, formatInt, formatMoneyCompact, formatNumber, formatShortDay, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { activityLabel, capacityText, formatDelta, formatNps, formatRate, parseLimit, tierLabel, tierOrder } from './advocacy';
import { RequestStatusTag } from './components/AdvocacyBits';

export default function ProgramPage() {
  const state = useApi((signal) => api.advocacyProgram(undefined, signal), []);
  const user = useUser();
  return (
    <div className="page advocacy-page" data-testid={T.advocacyProgram}>
      <header className="page-header">
        <div>
          <h1>Advocacy program</h1>
          <p className="muted">
            Who advocates for us, what they gave and got back, and how the program is doing
            {state.data && ` · as of ${formatDay(state.data.as_of)}`}
          </p>
        </div>
        <div className="actions">
          <Link className="button" to="/advocacy/candidates">
            Candidates queue
          </Link>
          {can.seeReferenceRequests(user.role) && (
            <Link className="button" to="/advocacy/requests">
              Reference requests
            </Link>
          )}
        </div>
      </header>
      <Async state={state} what="the program">
        {(d) => <ProgramBody d={d} linkRequests={can.seeReferenceRequests(user.role)} />}
      </Async>
      <ImpactCard />
      {can.editAdvocacySettings(user.role) && <SettingsCard onSaved={state.reload} />}
    </div>
  );
}

function ProgramBody({ d, linkRequests }: { d: AdvocacyProgram; linkRequests: boolean }) {
  const m = d.metrics;
  const b = d.burnout;
  return (
    <>
      <section className="kpis kpis-6" aria-label="Program health">
        <Metric id="advocacy_nps" label="Advocacy NPS" value={formatNps(m.advocacy_nps)} note="advocacy NPS survey, last 12 months" />
        <Metric id="advocate_renewal_rate" label="Advocate renewal rate" value={formatRate(m.advocate_renewal_rate)} note="advocates of a year ago still advocating" />
        <Metric
          id="influenced_deals"
          label="Influenced deals"
          value={formatInt(m.influenced_deals)}
          note={`${formatMoneyCompact(m.influenced_amount)} · ${formatRate(m.influenced_share)} of won deal amount`}
        />
        <Metric
          id="asks_per_advocate"
          label="Asks per advocate"
          value={b.asks_per_advocate === null ? '—' : formatNumber(b.asks_per_advocate)}
          note={`this quarter · ${formatRate(b.decline_rate)} declined`}
        />
        <Metric id="over_cap" label="At or over their cap" value={formatInt(b.over_cap)} note="cannot be asked again this quarter" tone={b.over_cap > 0 ? 'red' : undefined} to="/advocacy/advocates?load=over" />
        <Metric
          id="extraction_warnings"
          label="Extraction warnings"
          value={formatInt(b.extraction_warnings)}
          note="asked more than we gave back (180 days)"
          tone={b.extraction_warnings > 0 ? 'red' : undefined}
          to="/advocacy/advocates?warning=1"
        />
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="trend-title">
          <header className="card-header">
            <h2 id="trend-title">Trends</h2>
            <span className="muted small">month ends and today</span>
          </header>
          <TrendChart d={d} />
        </section>
        <section className="card" aria-labelledby="participation-title">
          <header className="card-header">
            <h2 id="participation-title">Participation by activity</h2>
          </header>
          <p className="muted small">Asks accepted, last 90 days.</p>
          <table className="table compact">
            <tbody>
              {Object.entries(m.participation_rate).map(([activity, rate]) => (
                <tr key={activity} data-testid={T.advocacyMetric} data-metric={`participation_${activity}`}>
                  <th scope="row">{activityLabel(activity)}</th>
                  <td className="num">
                    {formatRate(rate)}
                    {m.details?.asks?.[activity] && (
                      <div className="muted small">
                        {m.details.asks[activity].accepted} of {m.details.asks[activity].asks}
                      </div>
                    )}
                  </td>
                  <td className="bar-cell">
                    <span className="rate-bar" style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} aria-hidden="true" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="section-title">Influenced amount</h3>
          <InfluenceChart d={d} />
        </section>
      </div>

      <section className="card" aria-labelledby="tiers-title">
        <header className="card-header">
          <h2 id="tiers-title">Tiers</h2>
          <Link to="/advocacy/advocates">Advocates by tier →</Link>
        </header>
        <TierTable d={d} />
      </section>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="funnel-title" data-testid={T.advocacyFunnel}>
          <header className="card-header">
            <h2 id="funnel-title">Funnel</h2>
            <Link to="/advocacy/candidates">Candidates →</Link>
          </header>
          <Funnel funnel={d.funnel} />
        </section>
        <section className="card" aria-labelledby="req-title" data-testid={T.advocacyRequestCounts}>
          <header className="card-header">
            <h2 id="req-title">Reference requests</h2>
            {linkRequests && <Link to="/advocacy/requests?status=all">All requests →</Link>}
          </header>
          <ul className="status-counts">
            {REQUEST_STATUSES.map((s) => (
              <li key={s} data-status={s}>
                {linkRequests ? (
                  <Link to={`/advocacy/requests?status=${s}`}>
                    <RequestStatusTag status={s} /> <strong>{formatInt(d.requests[s] ?? 0)}</strong>
                  </Link>
                ) : (
                  <>
                    <RequestStatusTag status={s} /> <strong>{formatInt(d.requests[s] ?? 0)}</strong>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

function Metric({ id, label, value, note, tone, to }: { id: string; label: string; value: string; note: string; tone?: string; to?: string }) {
  const body = (
    <>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      <span className="kpi-note">{note}</span>
    </>
  );
  const cls = `card kpi ${tone ? `kpi-${tone}` : ''}`;
  return to ? (
    <Link to={to} className={cls} data-testid={T.advocacyMetric} data-metric={id}>
      {body}
    </Link>
  ) : (
    <div className={cls} data-testid={T.advocacyMetric} data-metric={id}>
      {body}
    </div>
  );
}

function TrendChart({ d }: { d: AdvocacyProgram }) {
  const option = useMemo<ChartOption>(() => {
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 24, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: d.trend.map((t) => formatShortDay(t.as_of)), boundaryGap: false },
      yAxis: [
        { type: 'value', name: 'NPS', min: -100, max: 100, interval: 50 },
        { type: 'value', name: '%', min: 0, max: 100, interval: 25, splitLine: { show: false } },
      ],
      series: [
        { name: 'Advocacy NPS', type: 'line', data: d.trend.map((t) => t.advocacy_nps), itemStyle: { color: '#3461c1' }, lineStyle: { width: 2.5 } },
        { name: 'Renewal rate (%)', type: 'line', yAxisIndex: 1, data: d.trend.map((t) => pct(t.advocate_renewal_rate)), itemStyle: { color: '#2f9e5b' } },
        { name: 'Participation (%)', type: 'line', yAxisIndex: 1, data: d.trend.map((t) => pct(t.participation)), itemStyle: { color: '#d89b00' }, lineStyle: { type: 'dashed' } },
      ],
    };
  }, [d.trend]);
  if (d.trend.length === 0) return <Empty title="No history yet" />;
  return <Chart option={option} height={370} label="Advocacy NPS, advocate renewal rate and participation at each month end" testId={T.advocacyTrend} />;
}

function InfluenceChart({ d }: { d: AdvocacyProgram }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d.trend.map((t) => formatShortDay(t.as_of)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoneyCompact(v) } },
      series: [{ name: 'Influenced amount', type: 'line', areaStyle: { opacity: 0.15 }, data: d.trend.map((t) => t.influenced_amount), itemStyle: { color: '#56409a' } }],
    }),
    [d.trend],
  );
  if (d.trend.length === 0) return null;
  return <Chart option={option} height={140} label="Amount of the deals advocates influenced, at each month end" testId={T.advocacyInfluenceTrend} />;
}

function TierTable({ d }: { d: AdvocacyProgram }) {
  const tiers = [...d.tiers].sort((a, b) => tierOrder(a.tier, b.tier));
  if (tiers.length === 0) return <Empty title="No tiers" />;
  return (
    <table className="table" data-testid={T.advocacyTiers}>
      <thead>
        <tr>
          <th scope="col">Tier</th>
          <th scope="col">Commitment</th>
          <th scope="col">In return</th>
          <th scope="col" className="num">
            Cap a quarter
          </th>
          <th scope="col" className="num">
            Active / capacity
          </th>
          <th scope="col" className="num">
            Invited
          </th>
          <th scope="col" className="num">
            Paused
          </th>
        </tr>
      </thead>
      <tbody>
        {tiers.map((t) => {
          const short = t.min_members !== null && t.active < t.min_members;
          // Invitations hold seats too: a tier is full when active and invited fill it.
          const full = t.capacity !== null && t.active + t.invited >= t.capacity;
          return (
            <tr key={t.tier} data-tier={t.tier}>
              <th scope="row">
                <Link to={`/advocacy/advocates?tier=${t.tier}`}>{t.label || tierLabel(t.tier)}</Link>
                <div className="muted small">{activityLabel(t.activity)}</div>
              </th>
              <td className="small">{t.commitment}</td>
              <td className="small">{t.benefits}</td>
              <td className="num">{t.quarterly_cap}</td>
              <td className="num" data-testid={T.tierCapacity}>
                {capacityText(t.active, t.capacity)}
                {full && <div className="small muted">full</div>}
                {t.min_members !== null && <div className={`small ${short ? 'warn-text' : 'muted'}`}>min {t.min_members}{short ? ' — below' : ''}</div>}
              </td>
              <td className="num">{formatInt(t.invited)}</td>
              <td className="num">{formatInt(t.paused)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const FUNNEL_STEPS = ['candidates', 'invited', 'active', 'paused', 'retired'];

function Funnel({ funnel }: { funnel: AdvocacyProgram['funnel'] }) {
  // The contract's steps, then any other the server counts (e.g. dismissed).
  const steps = [...FUNNEL_STEPS.filter((s) => s in funnel), ...Object.keys(funnel).filter((s) => !FUNNEL_STEPS.includes(s))];
  const max = Math.max(1, ...steps.map((s) => funnel[s] ?? 0));
  return (
    <ol className="funnel">
      {steps.map((s) => (
        <li key={s} data-step={s}>
          <span className="funnel-label">{humanize(s)}</span>
          <span className="funnel-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(1, Math.round((100 * (funnel[s] ?? 0)) / max))}%` }} />
          </span>
          <strong className="num">{formatInt(funnel[s] ?? 0)}</strong>
        </li>
      ))}
    </ol>
  );
}

// ---- impact: health change after advocacy activities against similar accounts ----

function ImpactCard() {
  const state = useApi((signal) => api.advocacyImpact(signal), []);
  return (
    <section className="card" aria-labelledby="impact-title" data-testid={T.advocacyImpact}>
      <header className="card-header">
        <h2 id="impact-title">Impact on health</h2>
        {state.data && <span className="muted small">{state.data.window_days} days after an advocacy activity</span>}
      </header>
      <Async state={state} what="the impact">
        {(d) => <ImpactBody d={d} />}
      </Async>
    </section>
  );
}

function groupText(g: ImpactGroup): ReactNode {
  return (
    <>
      <strong>{formatDelta(g.mean_change)}</strong> <span className="muted small">({formatInt(g.accounts)} accounts)</span>
    </>
  );
}

function ImpactBody({ d }: { d: AdvocacyImpact }) {
  if (d.treated.accounts === 0) {
    return (
      <Empty title="Nothing to compare yet">
        {d.note ? `${humanize(d.note)}. ` : ''}Once advocates complete asks and scores are stored for some weeks after, their accounts' health is compared with similar accounts here.
      </Empty>
    );
  }
  return (
    <>
      <p>
        Accounts with an advocacy activity changed health by <strong data-testid="impact-treated">{formatDelta(d.treated.mean_change)}</strong> points on average in the{' '}
        {d.window_days} days after it; similar accounts without one changed by <strong>{formatDelta(d.control.mean_change)}</strong>. Difference:{' '}
        <strong className={(d.difference ?? 0) >= 0 ? 'change-up' : 'change-down'}>{formatDelta(d.difference)}</strong> points.
      </p>
      {d.by_segment.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Segment</th>
              <th scope="col">With advocacy</th>
              <th scope="col">Similar accounts without</th>
              <th scope="col" className="num">
                Difference
              </th>
            </tr>
          </thead>
          <tbody>
            {d.by_segment.map((s) => {
              const diff = s.difference ?? (s.treated.mean_change !== null && s.control.mean_change !== null ? s.treated.mean_change - s.control.mean_change : null);
              return (
                <tr key={s.segment}>
                  <th scope="row">{s.segment || '(none)'}</th>
                  <td>{groupText(s.treated)}</td>
                  <td>{groupText(s.control)}</td>
                  <td className="num">{formatDelta(diff)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="muted small">A comparison, not proof: accounts that advocate were often healthy to begin with.</p>
    </>
  );
}

// ---- settings (ops, admin) ----

interface TierForm {
  tier: string;
  quarterly_cap: string;
  capacity: string;
  min_members: string;
}

function SettingsCard({ onSaved }: { onSaved: () => void }) {
  const state = useApi((signal) => api.advocacySettings(signal), []);
  const toast = useToast();
  const [recency, setRecency] = useState('');
  const [tiers, setTiers] = useState<TierForm[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!state.data) return;
    setRecency(String(state.data.recency_days));
    setTiers(
      [...state.data.tiers]
        .sort((a, b) => tierOrder(a.tier, b.tier))
        .map((t) => ({ tier: t.tier, quarterly_cap: String(t.quarterly_cap), capacity: t.capacity === null ? '' : String(t.capacity), min_members: t.min_members === null ? '' : String(t.min_members) })),
    );
  }, [state.data]);

  const set = (i: number, k: keyof TierForm, v: string) => setTiers((ts) => ts.map((t, j) => (j === i ? { ...t, [k]: v } : t)));

  const save = async () => {
    setError('');
    const r = parseLimit(recency);
    if (r === null || r === 'invalid') {
      setError('Minimum days between asks: a whole number of days.');
      return;
    }
    // Keys this form does not edit (if the server sends more) go back unchanged.
    const out: AdvocacySettings = { ...state.data, recency_days: r, tiers: [] };
    for (const t of tiers) {
      const cap = parseLimit(t.quarterly_cap);
      const capacity = parseLimit(t.capacity);
      const min = parseLimit(t.min_members);
      if (cap === null || cap === 'invalid' || capacity === 'invalid' || min === 'invalid') {
        setError(`${tierLabel(t.tier)}: the cap is a whole number; capacity and minimum are whole numbers or blank (no limit).`);
        return;
      }
      if (capacity !== null && min !== null && min > capacity) {
        setError(`${tierLabel(t.tier)}: the minimum (${min}) is above the capacity (${capacity}).`);
        return;
      }
      out.tiers.push({ tier: t.tier, quarterly_cap: cap, capacity, min_members: min });
    }
    setBusy(true);
    try {
      const saved = await api.saveAdvocacySettings(out);
      if (saved && typeof saved === 'object' && 'tiers' in saved) state.setData(saved);
      else state.reload();
      toast({ kind: 'success', text: 'Program settings saved.' });
      onSaved();
    } catch (e) {
      setError(describeError(e, 'change the program settings'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="settings-title">
      <details data-testid={T.advocacySettings}>
        <summary>
          <h2 id="settings-title" className="inline-heading">
            Settings
          </h2>{' '}
          <span className="muted small">caps, capacities and the minimum days between asks</span>
        </summary>
        <Async state={state} what="the settings">
          {() => (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void save();
              }}
            >
              <table className="table compact settings-table">
                <thead>
                  <tr>
                    <th scope="col">Tier</th>
                    <th scope="col">Asks per advocate a quarter</th>
                    <th scope="col">Capacity (blank: none)</th>
                    <th scope="col">Minimum members (blank: none)</th>
                  </tr>
                </thead>
                <tbody>
                  {tiers.map((t, i) => (
                    <tr key={t.tier} data-tier={t.tier}>
                      <th scope="row">{tierLabel(t.tier)}</th>
                      <td>
                        <input aria-label={`${tierLabel(t.tier)}: quarterly cap`} inputMode="numeric" size={5} value={t.quarterly_cap} onChange={(e) => set(i, 'quarterly_cap', e.target.value)} name="quarterly_cap" />
                      </td>
                      <td>
                        <input aria-label={`${tierLabel(t.tier)}: capacity`} inputMode="numeric" size={5} value={t.capacity} onChange={(e) => set(i, 'capacity', e.target.value)} name="capacity" />
                      </td>
                      <td>
                        <input aria-label={`${tierLabel(t.tier)}: minimum members`} inputMode="numeric" size={5} value={t.min_members} onChange={(e) => set(i, 'min_members', e.target.value)} name="min_members" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label className="inline-field">
                Minimum days between two asks of one advocate
                <input inputMode="numeric" size={5} value={recency} onChange={(e) => setRecency(e.target.value)} name="recency_days" />
              </label>
              {error && (
                <p className="form-error" role="alert">
                  {error}
                </p>
              )}
              <div className="form-actions">
                <button type="submit" className="primary" disabled={busy} data-testid={T.settingsSave}>
                  {busy ? 'Saving…' : 'Save settings'}
                </button>
              </div>
            </form>
          )}
        </Async>
        {state.error != null && state.data !== undefined && <ErrorMessage error={state.error} />}
      </details>
    </section>
  );
}

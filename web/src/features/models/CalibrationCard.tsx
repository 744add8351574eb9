// "Does the health score predict churn?" (docs/revenue.md): the main scorecard replayed on past
// days against what happened within the horizon, the current weights beside the weights a
// non-negative logistic regression suggests, per measure the separation and its direction, and
// the accounts whose color would change. Nothing is applied: CS Ops copies the suggested
// weights into the definitions.
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import { calibration, type Calibration, type ScorecardPerformance } from '../../api/calibration';
import { Chart } from '../../components/Chart';
import { HealthBadge } from '../../components/Health';
import { ErrorMessage } from '../../components/Status';
import type { ChartOption } from '../../lib/echarts';
import { formatDay, formatInt, humanize } from '../../lib/format';

const HORIZONS = [30, 60, 90, 180];
const LOOKBACKS = [30, 90, 180, 365];

export const fmtAuc = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(3));
export const fmtRate = (n: number) => `${(100 * n).toFixed(1)}%`;

export function CalibrationCard({ scorecard }: { scorecard: string }) {
  const [horizon, setHorizon] = useState(90);
  const [lookback, setLookback] = useState(90);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<Calibration | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await calibration(scorecard, horizon, lookback));
    } catch (e) {
      setReport(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card model-card" aria-labelledby="calibration-title" data-testid={T.calibration}>
      <header className="card-header">
        <h2 id="calibration-title">Does the {scorecard} score predict churn?</h2>
        <div className="model-actions">
          <DaysSelect label="Horizon" value={horizon} options={HORIZONS} onChange={setHorizon} testId={T.calibrationHorizon} />
          <DaysSelect label="Look back" value={lookback} options={LOOKBACKS} onChange={setLookback} testId={T.calibrationLookback} />
          <button type="button" onClick={() => void run()} disabled={busy} data-testid={T.calibrationRun}>
            {busy ? 'Replaying…' : 'Check against outcomes'}
          </button>
        </div>
      </header>
      <p className="muted small">
        Replays today's definitions on past days, pairs each account's health then with what happened within the horizon, and suggests
        weights that would have separated the accounts that churned better. Nothing is applied.
      </p>
      {error !== null && <ErrorMessage error={error} what="check the scorecard" />}
      {report && <CalibrationBody r={report} />}
    </section>
  );
}

function DaysSelect({ label, value, options, onChange, testId }: { label: string; value: number; options: number[]; onChange: (n: number) => void; testId: string }) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {options.map((h) => (
          <option key={h} value={h}>
            {h} days
          </option>
        ))}
      </select>
    </label>
  );
}

function CalibrationBody({ r }: { r: Calibration }) {
  const o = r.outcomes;
  return (
    <div data-testid={T.calibrationReport}>
      <p>
        <span data-testid={T.calibrationObservations}>{formatInt(r.observations)}</span> account-days on {r.days.length} days (
        {formatDay(r.days[0])} to {formatDay(r.days[r.days.length - 1])}), outcomes within {r.horizon_days} days: {formatInt(o.churned)}{' '}
        churned, {formatInt(o.contracted)} contracted, {formatInt(o.expanded)} expanded, {formatInt(o.renewed)} renewed.
      </p>
      <table className="table" data-testid={T.calibrationCompare}>
        <thead>
          <tr>
            <th />
            <th className="num">Current weights</th>
            <th className="num">Suggested weights</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid={T.calibrationAuc}>
            <td>AUC, churn</td>
            <td className="num">{fmtAuc(r.current.auc)}</td>
            <td className="num">{fmtAuc(r.suggested.auc)}</td>
          </tr>
          <tr>
            <td>AUC, churn or contraction</td>
            <td className="num">{fmtAuc(r.current.auc_churn_or_contraction)}</td>
            <td className="num">{fmtAuc(r.suggested.auc_churn_or_contraction)}</td>
          </tr>
          {r.current.bands.map((b, k) => (
            <tr key={b.color} data-testid={T.calibrationBand} data-color={b.color}>
              <td>
                Churn rate of <HealthBadge color={b.color} />
              </td>
              <td className="num">
                {fmtRate(b.churn_rate)} of {formatInt(b.observations)}
              </td>
              <td className="num">
                {r.suggested.bands[k] ? `${fmtRate(r.suggested.bands[k].churn_rate)} of ${formatInt(r.suggested.bands[k].observations)}` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        AUC 0.5 is a coin toss, 1.0 separates perfectly. The suggested figures are measured on the history they were fitted to, so they are
        optimistic.
      </p>
      <LiftChart current={r.current} suggested={r.suggested} />
      <h3>Measures</h3>
      <table className="table" data-testid={T.calibrationMeasures}>
        <thead>
          <tr>
            <th>Measure</th>
            <th className="num">Weight</th>
            <th className="num">Suggested</th>
            <th className="num">AUC</th>
            <th>Direction</th>
            <th className="num">Scored</th>
          </tr>
        </thead>
        <tbody>
          {r.measures.map((m) => (
            <tr key={m.name} data-testid={T.calibrationMeasure} data-measure={m.name}>
              <td>{m.name}</td>
              <td className="num">{m.weight}</td>
              <td className="num">{m.suggested_weight}</td>
              <td className="num">{fmtAuc(m.auc)}</td>
              <td>{humanize(m.direction)}</td>
              <td className="num">{formatInt(m.observations)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>What would change</h3>
      <p data-testid={T.calibrationSwitches}>
        {formatInt(r.switches.length)} of {formatInt(r.accounts_scored)} accounts would change color today with the suggested weights.
      </p>
      {r.switches.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Account</th>
              <th>Now</th>
              <th>Suggested</th>
            </tr>
          </thead>
          <tbody>
            {r.switches.slice(0, 25).map((s) => (
              <tr key={s.account_id}>
                <td>
                  <Link to={`/accounts/${encodeURIComponent(s.account_id)}`}>{s.account_id}</Link>
                </td>
                <td>
                  <HealthBadge color={s.from} overall={s.overall} />
                </td>
                <td>
                  <HealthBadge color={s.to} overall={s.suggested_overall} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">To apply the suggested weights, put them in the scorecard's definition (Admin, Definitions) and apply it:</p>
      <pre className="code" data-testid={T.calibrationYaml}>
        {r.suggested_yaml}
      </pre>
    </div>
  );
}

function LiftChart({ current, suggested }: { current: ScorecardPerformance; suggested: ScorecardPerformance }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 8, top: 16, bottom: 32, containLabel: true },
      xAxis: { type: 'category', name: 'decile (1: least healthy)', nameLocation: 'middle', nameGap: 24, data: current.deciles.map((d) => String(d.decile)) },
      yAxis: { type: 'value', name: 'lift' },
      series: [
        { name: 'Current', type: 'bar', data: current.deciles.map((d) => +d.lift.toFixed(2)) },
        { name: 'Suggested', type: 'bar', data: suggested.deciles.map((d) => +d.lift.toFixed(2)) },
      ],
    }),
    [current, suggested],
  );
  if (current.deciles.length === 0) return null;
  return <Chart option={option} label="Churn lift by decile of health, current and suggested weights" testId={T.calibrationLift} height={220} />;
}

// The predictive models: churn and advocacy. Per target, whether it is trained, on what
// history, how well it does (cross-validated, XGBoost beside logistic regression), how well
// its probabilities match what happened (calibration by decile), and its features. Ops and
// admins retrain a model and run a back-test (train up to T - H, predict, compare).
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import type { BacktestReport, CalibrationBin, ModelInfo, ModelMetrics, ModelTarget } from '../../api/types';
import { Chart } from '../../components/Chart';
import { Async, Empty, ErrorMessage } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import type { ChartOption } from '../../lib/echarts';
import { formatDateTime, formatDay, formatInt, formatShortDay, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { CalibrationCard } from './CalibrationCard';

const TITLES: Record<ModelTarget, { title: string; what: string }> = {
  churn: { title: 'Churn', what: 'the chance an active account churns within the horizon' },
  advocate: { title: 'Advocacy', what: 'the chance an account becomes an advocate within the horizon' },
};

const fmt = (n: number | null | undefined, digits = 3) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const pct = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : `${(n * 100).toFixed(1)}%`);

export default function ModelsPage() {
  const state = useApi((signal) => api.models(signal), []);
  const dash = useApi((signal) => api.dashboard(signal), []);
  const user = useUser();
  return (
    <div className="page" data-testid={T.models}>
      <header className="page-header">
        <div>
          <h1>Models</h1>
          <p className="muted">Churn risk and advocacy propensity, trained on the workspace's own history (XGBoost, with logistic regression as the baseline).</p>
        </div>
      </header>
      <Async state={state} what="the models">
        {(d) =>
          d.models.length === 0 ? (
            <Empty title="No models">This server has no predictive models.</Empty>
          ) : (
            <div className="models">
              {d.models.map((m) => (
                <ModelCard
                  key={m.target}
                  m={m}
                  canTrain={can.trainModels(user.role)}
                  onTrained={(info) => state.setData((old) => old && { models: old.models.map((x) => (x.target === info.target ? info : x)) })}
                />
              ))}
            </div>
          )
        }
      </Async>
      {dash.data?.scorecard && <CalibrationCard scorecard={dash.data.scorecard} />}
    </div>
  );
}

// Seconds since `running` turned true, ticking once a second.
function useElapsed(running: boolean): number {
  const [s, setS] = useState(0);
  useEffect(() => {
    if (!running) return;
    const start = Date.now();
    setS(0);
    const id = window.setInterval(() => setS(Math.floor((Date.now() - start) / 1000)), 1000);
    return () => window.clearInterval(id);
  }, [running]);
  return s;
}

function ModelCard({ m, canTrain, onTrained }: { m: ModelInfo; canTrain: boolean; onTrained: (m: ModelInfo) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState<'train' | 'backtest' | null>(null);
  const [error, setError] = useState<{ e: unknown; what: string } | null>(null);
  const [report, setReport] = useState<BacktestReport | null>(null);
  const elapsed = useElapsed(busy !== null);
  const t = TITLES[m.target] ?? { title: humanize(m.target), what: '' };

  const run = async (what: 'train' | 'backtest') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'train') {
        const info = await api.trainModel(m.target);
        onTrained(info);
        toast({ kind: 'success', text: `${t.title} model retrained and every account scored.` });
      } else {
        setReport(await api.backtestModel(m.target));
      }
    } catch (e) {
      setError({ e, what: what === 'train' ? 'train the model' : 'run the back-test' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card model-card" aria-labelledby={`model-${m.target}`} data-testid={T.modelCard} data-target={m.target} data-trained={m.trained}>
      <header className="card-header">
        <h2 id={`model-${m.target}`}>
          {t.title} model {m.trained ? <span className="tag status-closed">trained</span> : <span className="tag">not trained</span>}
        </h2>
        {canTrain && (
          <div className="model-actions">
            <button type="button" data-testid={T.modelTrain} disabled={busy !== null} onClick={() => void run('train')}>
              {busy === 'train' ? `Training… ${elapsed} s` : m.trained ? 'Retrain' : 'Train'}
            </button>
            <button type="button" data-testid={T.modelBacktest} disabled={busy !== null} onClick={() => void run('backtest')}>
              {busy === 'backtest' ? `Back-testing… ${elapsed} s` : 'Run back-test'}
            </button>
          </div>
        )}
      </header>
      <p className="muted small">Predicts {t.what}.</p>
      {busy && (
        <p className="notice" role="status" aria-live="polite">
          {busy === 'train' ? 'Training and scoring every account' : 'Running the back-test'}: {elapsed} s so far. Large workspaces take a while.
        </p>
      )}
      {error && <ErrorMessage error={error.e} what={error.what} />}
      {!m.trained ? (
        <Empty title="Not trained yet">
          {canTrain ? 'Train it here, or' : 'Ask an admin or ops to train it, or'} run <code>tend predict train --target {m.target}</code>.
        </Empty>
      ) : (
        <ModelBody m={m} />
      )}
      {report && <Backtest r={report} />}
    </section>
  );
}

function ModelBody({ m }: { m: ModelInfo }) {
  const x = m.metrics?.xgboost;
  const l = m.metrics?.logreg;
  return (
    <>
      <dl className="model-facts">
        <div>
          <dt>Trained</dt>
          <dd>{formatDateTime(m.trained_at)}</dd>
        </div>
        <div>
          <dt>As of</dt>
          <dd>{formatDay(m.as_of)}</dd>
        </div>
        <div>
          <dt>Horizon</dt>
          <dd>{m.horizon_days ?? '—'} days</dd>
        </div>
        <div>
          <dt>Snapshots</dt>
          <dd>{m.snapshots?.length ? m.snapshots.map(formatShortDay).join(', ') : '—'}</dd>
        </div>
        <div>
          <dt>Rows / positives</dt>
          <dd>
            {formatInt(m.rows ?? 0)} / {formatInt(m.positives ?? 0)}
          </dd>
        </div>
        <div>
          <dt>Scored</dt>
          <dd>
            {m.predictions ? (
              <>
                {formatInt(m.predictions.accounts)} accounts, {formatDateTime(m.predictions.scored_at)}
              </>
            ) : (
              <span className="muted">not yet</span>
            )}
          </dd>
        </div>
      </dl>
      <div className="grid grid-2">
        <div>
          <h3>Cross-validated{m.metrics?.folds ? ` (${m.metrics.folds} folds)` : ''}</h3>
          <MetricsTable x={x} l={l} />
          {m.target === 'churn' && m.predictions && (
            <p className="small">
              <Link to="/accounts?sort=churn_risk&order=desc">Accounts by churn risk →</Link>
            </p>
          )}
        </div>
        <div>
          <h3>Calibration by decile</h3>
          <Calibration x={x?.calibration} l={l?.calibration} label={`Calibration of the ${m.target} model`} />
        </div>
      </div>
      <details className="model-features" data-testid={T.modelFeatures}>
        <summary>
          {formatInt(m.feature_names?.length ?? 0)} features
          {m.xgboost_rounds ? <span className="muted small"> · XGBoost, {m.xgboost_rounds} rounds</span> : null}
        </summary>
        <ul className="feature-list">
          {(m.feature_names ?? []).map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}

function MetricsTable({ x, l, testId = T.modelMetrics }: { x?: ModelMetrics; l?: ModelMetrics; testId?: string }) {
  const rows: [string, string, (m?: ModelMetrics) => string][] = [
    ['roc_auc', 'ROC AUC', (m) => fmt(m?.roc_auc)],
    ['pr_auc', 'PR AUC', (m) => fmt(m?.pr_auc)],
    ['top_decile_lift', 'Top-decile lift', (m) => (m?.top_decile_lift == null ? '—' : `${m.top_decile_lift.toFixed(2)}×`)],
    ['base_rate', 'Base rate', (m) => pct(m?.base_rate)],
  ];
  return (
    <table className="table compact" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            XGBoost
          </th>
          <th scope="col" className="num">
            Logistic regression
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label, f]) => (
          <tr key={key} data-metric={key}>
            <th scope="row">{label}</th>
            <td className="num" data-model="xgboost">
              {f(x)}
            </td>
            <td className="num" data-model="logreg">
              {f(l)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Calibration({ x, l, label }: { x?: CalibrationBin[]; l?: CalibrationBin[]; label: string }) {
  const option = useMemo<ChartOption>(() => {
    const points = (bins?: CalibrationBin[]) => (bins ?? []).map((b) => [b.mean_predicted, b.observed_rate, b.count]);
    const max = Math.min(1, Math.max(0.05, ...[...(x ?? []), ...(l ?? [])].flatMap((b) => [b.mean_predicted, b.observed_rate])) * 1.05);
    const tip = (p: { seriesName?: string; value?: unknown }) => {
      const v = p.value as number[];
      return Array.isArray(v) ? `${p.seriesName}<br/>predicted ${pct(v[0])}, observed ${pct(v[1])} (${v[2]} rows)` : String(p.seriesName);
    };
    return {
      tooltip: { trigger: 'item', formatter: tip as never },
      legend: { bottom: 0, itemWidth: 10, itemHeight: 10 },
      grid: { left: 8, right: 16, top: 28, bottom: 48, containLabel: true },
      xAxis: { type: 'value', min: 0, max, name: 'predicted', nameLocation: 'middle', nameGap: 24, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      yAxis: { type: 'value', min: 0, max, name: 'observed', axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      series: [
        { name: 'Perfect', type: 'line', data: [[0, 0], [max, max]], showSymbol: false, lineStyle: { type: 'dashed', color: '#a3abb8', width: 1 }, silent: true },
        { name: 'XGBoost', type: 'line', data: points(x), itemStyle: { color: '#3461c1' }, symbolSize: 7 },
        { name: 'Logistic regression', type: 'line', data: points(l), itemStyle: { color: '#d89b00' }, symbolSize: 6, lineStyle: { type: 'dotted' } },
      ],
    };
  }, [x, l]);
  if (!x?.length && !l?.length) return <Empty title="No calibration data" />;
  return <Chart option={option} height={240} label={`${label}: observed rate against mean predicted probability, one point per decile`} testId={T.modelCalibration} />;
}

function Backtest({ r }: { r: BacktestReport }) {
  return (
    <div className="backtest" data-testid={T.backtestResult}>
      <h3>Back-test</h3>
      <p className="small">
        Trained on history up to <strong>{formatDay(r.cutoff)}</strong> ({formatInt(r.train_rows)} rows, {formatInt(r.train_positives)} positives), predicted then
        and compared with what happened in the next {r.horizon_days} days ({formatInt(r.test_rows)} accounts, {formatInt(r.test_positives)} positives).
      </p>
      <MetricsTable x={r.xgboost} l={r.logreg} testId="backtest-metrics" />
    </div>
  );
}

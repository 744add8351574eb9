// The account's churn risk and advocacy propensity (the stored scores of the trained models),
// each with its top reasons in words, its trend over the scorings so far, and when the model
// scored it. Hidden when no model has scored the account.
import { T } from '../../../../e2e/selectors.mjs';
import * as api from '../../../api/endpoints';
import type { Prediction } from '../../../api/types';
import { Sparkline } from '../../../components/Sparkline';
import { ErrorMessage } from '../../../components/Status';
import { formatDateTime, formatDay } from '../../../lib/format';
import { useApi } from '../../../lib/useApi';

// The color of a churn probability (and, reversed, of an advocacy one).
export function riskColor(p: number): 'red' | 'yellow' | 'green' {
  if (p >= 0.3) return 'red';
  if (p >= 0.1) return 'yellow';
  return 'green';
}

export function formatProbability(p: number): string {
  const v = p * 100;
  return `${v < 10 ? v.toFixed(1) : Math.round(v)}%`;
}

// "ticket_csat_90d = 3 (-0.10)": drop the raw contribution, the sign is said in words.
function reasonText(text: string): string {
  return text.replace(/\s*\([+-]?\d+(\.\d+)?\)\s*$/, '');
}

export function PredictionsPanel({ accountId }: { accountId: string }) {
  const state = useApi((signal) => api.accountPredictions(accountId, signal), [accountId]);
  if (state.error && !state.data) return <ErrorMessage error={state.error} what="load the predictions" />;
  const d = state.data;
  if (!d || (!d.churn && !d.advocate)) return null;
  return (
    <section className="card predictions" aria-label="Predictions">
      {d.churn && <PredictionBlock kind="churn" p={d.churn} />}
      {d.advocate && <PredictionBlock kind="advocate" p={d.advocate} />}
    </section>
  );
}

function PredictionBlock({ kind, p }: { kind: 'churn' | 'advocate'; p: Prediction }) {
  const churn = kind === 'churn';
  const color = churn ? riskColor(p.probability) : ({ red: 'green', yellow: 'yellow', green: 'none' } as const)[riskColor(p.probability)];
  const reasons = p.reasons.slice(0, 3);
  const noun = churn ? 'risk' : 'propensity';
  return (
    <div className="prediction" data-testid={churn ? T.churnRisk : T.advocatePropensity} data-probability={p.probability}>
      <div className="prediction-head">
        <span className="prediction-label">{churn ? 'Churn risk' : 'Advocate propensity'}</span>
        <span className={`prediction-value risk-${color}`}>{formatProbability(p.probability)}</span>
        <span className="muted small">within {p.model.horizon_days} days</span>
      </div>
      {p.trend && p.trend.length > 1 && (
        <div className="prediction-trend" data-testid={churn ? T.churnTrend : undefined} data-points={p.trend.length}>
          <Sparkline
            values={p.trend.map((t) => Math.round(t.probability * 1000) / 10)}
            width={160}
            height={32}
            label={`${churn ? 'Churn risk' : 'Advocate propensity'} from ${formatDay(p.trend[0].day)} to ${formatDay(p.trend[p.trend.length - 1].day)}`}
          />
          <span className="muted small">
            {formatProbability(p.trend[0].probability)} on {formatDay(p.trend[0].day)} → {formatProbability(p.probability)} now
          </span>
        </div>
      )}
      {reasons.length > 0 && (
        <ul className="prediction-reasons" aria-label={`Top reasons for the ${noun}`}>
          {reasons.map((r) => (
            <li key={r.column} data-testid={churn ? T.churnReason : undefined} data-contribution={r.contribution}>
              <span className={r.contribution > 0 ? (churn ? 'change-down' : 'change-up') : churn ? 'change-up' : 'change-down'}>
                {r.contribution > 0 ? '▲' : '▼'} {r.contribution > 0 ? 'raises' : 'lowers'} {noun}
              </span>{' '}
              <span className="mono small">{reasonText(r.text)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">
        Scored {formatDateTime(p.model.scored_at)} (data as of {formatDay(p.model.as_of)}; model trained {formatDateTime(p.model.model_trained_at)})
      </p>
    </div>
  );
}

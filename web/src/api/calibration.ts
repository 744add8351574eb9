// GET /api/scorecards/{name}/calibration (docs/revenue.md, "Does the health score predict
// renewals?"): the scorecard replayed on past days against what happened next.
import { get } from './client';

export interface BandRate {
  color: string;
  observations: number;
  churned: number;
  churn_rate: number;
}

export interface DecileLift {
  decile: number;
  observations: number;
  churned: number;
  min_overall: number;
  max_overall: number;
  churn_rate: number;
  lift: number;
}

export interface ScorecardPerformance {
  auc: number | null;
  auc_churn_or_contraction: number | null;
  bands: BandRate[];
  deciles: DecileLift[];
}

export interface MeasureCalibration {
  name: string;
  weight: number;
  suggested_weight: number;
  observations: number;
  auc: number | null;
  direction: 'higher_is_healthier' | 'higher_is_riskier' | 'no_signal' | 'not_enough_data';
  fitted: boolean;
}

export interface ColorSwitch {
  account_id: string;
  from: string;
  to: string;
  overall: number | null;
  suggested_overall: number | null;
}

export interface Calibration {
  scorecard: string;
  horizon_days: number;
  step_days: number;
  as_of: string;
  days: string[];
  observations: number;
  outcomes: { churned: number; contracted: number; expanded: number; renewed: number };
  current: ScorecardPerformance;
  suggested: ScorecardPerformance;
  measures: MeasureCalibration[];
  accounts_scored: number;
  switches: ColorSwitch[];
  suggested_yaml: string;
}

export const calibration = (scorecard: string, horizonDays: number, lookbackDays: number, signal?: AbortSignal) =>
  get<Calibration>(
    `/api/scorecards/${encodeURIComponent(scorecard)}/calibration?horizon_days=${horizonDays}&lookback_days=${lookbackDays}`,
    { signal },
  );

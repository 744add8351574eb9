// The revenue routes (docs/revenue.md): retention figures, the ARR history with its bridge,
// renewals, an account's revenue.
import { get, patch } from './client';

export interface RetentionFigures {
  grr: number;
  nrr: number;
  logo_retention: number;
  expansion_arr: number;
  contraction_arr: number;
  churned_arr: number;
  new_arr: number;
  starting_arr: number;
  ending_arr: number;
}

export interface RevenueMetrics {
  as_of: string;
  window_days: number;
  figures: RetentionFigures;
  trend: (RetentionFigures & { as_of: string })[];
}

export interface ArrDay {
  day: string;
  arr: number;
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
}

export type RenewalForecast = 'commit' | 'best_case' | 'at_risk';

// A CTA as the revenue lists show it.
export interface CtaBrief {
  cta_id: number;
  title: string;
  status: string;
  priority: string;
  renewal_id: string | null;
}

// An account's health on the main scorecard (for churned accounts the last stored before they
// churned, with its day).
export interface HealthBrief {
  overall: number | null;
  color: string;
  day?: string;
}

export interface Renewal {
  subscription_id: string;
  account_id: string;
  product: string;
  renewal_date: string;
  arr: number;
  renewed_arr: number;
  stage: string;
  owner: string;
  forecast: RenewalForecast;
  arr_at_stake: number;
  notes: string;
  edited: boolean;
  // In the renewal list only: the account's health now and the open CTAs about this renewal.
  health?: HealthBrief | null;
  ctas?: CtaBrief[];
}

// The movements of ARR the retention figures count (docs/revenue.md).
export type Movement = 'new' | 'expansion' | 'contraction' | 'churned' | 'unchanged';

export interface MovedAccount {
  account_id: string;
  name: string;
  segment: string;
  csm: string;
  starting_arr: number;
  ending_arr: number;
  amount: number;
  churned_on: string | null;
  health: HealthBrief | null;
  open_ctas: number;
  ctas: CtaBrief[];
}

export interface MovedAccounts {
  as_of: string;
  window_days: number;
  movement: Movement;
  total: number;
  amount: number;
  accounts: MovedAccount[];
}

export interface AccountRevenue {
  account_id: string;
  as_of: string;
  derived: boolean;
  arr: number | null;
  seats_purchased: number | null;
  next_renewal: Renewal | null;
  subscriptions: {
    subscription_id: string;
    product: string;
    plan: string;
    quantity: number;
    arr: number;
    start_date: string;
    end_date: string;
    status: string;
  }[];
  purchases: { purchase_id: string; ts: string; product: string; amount: number; kind: string }[];
  renewals: Renewal[];
  arr_history: ArrDay[];
}

export const revenueMetrics = (trend: number, signal?: AbortSignal) =>
  get<RevenueMetrics>(`/api/revenue/metrics?trend=${trend}`, { signal });
export const arrHistory = (from: string, signal?: AbortSignal) =>
  get<{ days: ArrDay[] }>(`/api/revenue/arr?from=${from}`, { signal });
export const renewalsDue = (within: number, signal?: AbortSignal, owner?: 'me') =>
  get<{ as_of: string; within: number; renewals: Renewal[] }>(`/api/revenue/renewals?within=${within}${owner ? `&owner=${owner}` : ''}`, { signal });
// The accounts behind a figure: over the trailing twelve months to the server's day, or over
// the window of `windowDays` ending on `asOf` (a month of the ARR bridge).
export const movedAccounts = (movement: Movement, signal?: AbortSignal, window?: { asOf: string; windowDays: number }) =>
  get<MovedAccounts>(
    `/api/revenue/accounts?movement=${movement}${window ? `&as_of=${window.asOf}&window_days=${window.windowDays}` : ''}`,
    { signal },
  );
export const accountRevenue = (id: string, signal?: AbortSignal) =>
  get<AccountRevenue>(`/api/accounts/${encodeURIComponent(id)}/revenue`, { signal });
export const editRenewal = (id: string, body: Partial<Pick<Renewal, 'stage' | 'owner' | 'forecast' | 'arr_at_stake' | 'notes'>>) =>
  patch<Renewal>(`/api/renewals/${encodeURIComponent(id)}`, body);

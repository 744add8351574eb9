// The JSON shapes of tend's API (docs/api.md), as the web app uses them. The OpenAPI document
// names routes and request bodies but not response bodies, so these are written by hand from
// the server's route code; keep them in step with src/api/routes_*.cc.

export type Role = 'admin' | 'ops' | 'csm' | 'sales' | 'viewer' | 'product';
export const ROLES: Role[] = ['admin', 'ops', 'csm', 'sales', 'viewer', 'product'];

export type HealthColor = 'red' | 'yellow' | 'green' | 'none';
export const COLORS: HealthColor[] = ['red', 'yellow', 'green', 'none'];

export interface User {
  user_id: number;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  created_at: string;
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field: string | null;
    messages?: string[];
    problems?: number;
    errors?: DefinitionError[];
  };
}

// ---- accounts ----

export interface AccountRow {
  account_id: string;
  name: string;
  arr: number | null;
  color: string | null;
  overall: number | null;
  change_7d: number | null;
  change_30d: number | null;
  churn_risk: number | null;
  csm: string;
  segment: string;
  industry: string;
  region: string;
  renewal_date: string | null;
  days_to_renewal: number | null;
  start_date: string | null;
  status: string;
}

export interface AccountList {
  accounts: AccountRow[];
  as_of: string;
  next_cursor: string | null;
  scorecard: string;
  total: number;
}

export interface Account extends AccountRow {
  attributes: Record<string, string | number | boolean | null>;
  tenure_days: number | null;
}

export interface MeasureScore {
  score: number | null;
  value: number | null;
}

export interface HistoryPoint {
  date: string;
  scorecard: string;
  overall: number | null;
  color: string | null;
  measures: Record<string, MeasureScore>;
}

export interface Measure {
  name: string;
  label: string;
  description: string;
  group: string;
  computed_as: string;
  scoring: string;
  manual: boolean;
  value: number | null;
  score: number | null;
  weight: number;
}

export interface ScorecardGroup {
  name: string;
  label: string;
  score: number | null;
}

export interface ScorecardResult {
  name: string;
  label: string;
  overall: number | null;
  color: string | null;
  change_7d: number | null;
  change_30d: number | null;
  groups: ScorecardGroup[];
  measures: Measure[];
}

export interface Contact {
  contact_id: string;
  account_id?: string;
  name: string;
  email: string;
  title: string;
  role: string;
  seniority: string;
  // Not sent by the server yet (see README: API gaps); shown when present.
  advocacy_status?: string;
}

export interface TimelineEntry {
  activity_id: number;
  account_id: string;
  type: string;
  subject: string;
  notes: string;
  ts: string;
  author: string;
  source: string;
  contact_id: string;
}

export interface Timeline {
  entries: TimelineEntry[];
  total?: number;
  next_before?: string | null;
}

export interface ColorChange {
  date: string;
  scorecard: string;
  from: string | null;
  to: string | null;
}

export const OBJECTIVE_STATUSES = ['not_started', 'on_track', 'at_risk', 'done'];

export interface Objective {
  objective_id: number;
  title: string;
  status: string;
  due_date: string | null;
  tasks: Task[];
}

export interface Plan {
  plan_id: number;
  name: string;
  template: string;
  status: string;
  objectives: Objective[];
}

export interface Account360 {
  account: Account;
  as_of: string;
  scorecards: ScorecardResult[];
  history: HistoryPoint[];
  color_changes: ColorChange[];
  contacts: Contact[];
  // Only for the roles that may read them through their own routes (docs/api.md, "What each
  // role sees"): absent for sales.
  ctas?: { open: CtaWithTasks[]; closed: CtaWithTasks[] };
  timeline?: Timeline;
  plans?: Plan[];
}

// ---- CTAs ----

export type CtaStatus = 'open' | 'in_progress' | 'closed';
export const CTA_TYPES = ['risk', 'opportunity', 'lifecycle', 'activity', 'objective'];
export const CTA_PRIORITIES = ['urgent', 'high', 'medium', 'low'];
export const CLOSE_REASONS = ['success', 'lost', 'no_action', 'duplicate'];

export interface Cta {
  cta_id: number;
  account_id: string;
  title: string;
  description: string;
  type: string;
  priority: string;
  status: CtaStatus;
  owner: string;
  rule: string;
  playbook: string;
  reason_code: string;
  // The subscription_id of the renewal the CTA is about (docs/revenue.md), or null.
  renewal_id: string | null;
  due_date: string | null;
  snoozed_until: string | null;
  close_reason: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Task {
  task_id: number;
  cta_id: number | null;
  account_id: string;
  title: string;
  owner: string;
  status: string;
  notes: string;
  due_date: string | null;
  completed_at: string | null;
  position: number;
  objective_id: number | null;
}

export interface CtaEvent {
  event_id: number;
  kind: string;
  actor: string;
  detail: string;
  at: string;
}

export interface CtaWithTasks extends Cta {
  tasks: Task[];
}

export interface CtaDetail extends Cta {
  tasks: Task[];
  comments: CtaEvent[];
  history: CtaEvent[];
}

export interface CtaList {
  ctas: Cta[];
  total: number;
}

export interface Playbook {
  name: string;
  label: string;
  description: string;
  tasks: { title: string; due_in_days: number; owner_role: string }[];
}

export interface PlanTemplate {
  name: string;
  label: string;
  description: string;
  objectives: { title: string; due_in_days: number }[];
}

export interface Playbooks {
  playbooks: Playbook[];
  plan_templates: PlanTemplate[];
}

// ---- dashboard and saved views ----

export interface ColorCounts {
  red: number;
  yellow: number;
  green: number;
  none: number;
}

export interface Dashboard {
  as_of: string;
  scorecard: string;
  accounts?: number;
  by_color: ColorCounts;
  by_segment: (ColorCounts & { segment: string; accounts?: number })[];
  by_csm: (ColorCounts & { csm: string; accounts: number })[];
  arr_at_risk: { red: number; yellow: number; total_arr: number };
  // The sum of ARR x churn probability; null when no churn model has scored the accounts.
  predicted_arr_at_risk?: number | null;
  trend: {
    date: string;
    average: number | null;
    red: number;
    yellow: number;
    green: number;
    arr_red: number;
    arr_yellow: number;
  }[];
  renewals_90d: {
    account_id: string;
    name: string;
    renewal_date: string;
    days_to_renewal: number;
    arr: number | null;
    overall: number | null;
    color: string;
    csm: string;
  }[];
  renewals_90d_total: number;
  ctas_open: { by_type: Record<string, number>; by_priority: Record<string, number>; total: number };
  drops_7d: {
    account_id: string;
    name: string;
    overall: number | null;
    change_7d: number | null;
    color: string;
    csm: string;
  }[];
}

export interface SavedView {
  view_id: number;
  name: string;
  query: string;
  created_at?: string;
}

// ---- admin ----

export interface DefinitionFile {
  path: string;
  content: string;
  applied_at?: string;
}

export interface DefinitionError {
  file: string;
  line: number;
  column: number;
  message: string;
  text: string;
}

export interface ValidateResult {
  valid: boolean;
  errors: DefinitionError[];
}

export interface PreviewResult {
  accounts: { account_id: string; values: Record<string, string> }[];
  matches: number;
  names: string[];
}

export interface ApiToken {
  token_id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WriteKey {
  key_id: number;
  name: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
  /** Browser origins allowed to use the key; empty for a server key. */
  origins: string[];
  kind: 'browser' | 'server';
}

export interface TrustedTraits {
  trusted_traits: string[];
  protected_traits: string[];
}

/** One message received through /v1 (GET /api/ingest/recent). */
export interface IngestMessage {
  received_at: string;
  key: string;
  origin: string;
  type: string;
  event: string;
  name: string;
  user_id: string;
  account_id: string;
  outcome: string;
  error: string;
  properties: Record<string, string | number | boolean>;
  traits: Record<string, string | number | boolean>;
  ignored_traits: string[];
}

export interface WebhookDelivery {
  delivery_id: number;
  rule: string;
  account_id: string;
  url: string;
  status: string;
  attempts: number;
  last_error: string;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string | null;
}

export interface OutboxMail {
  mail_id: number;
  to: string;
  subject: string;
  kind: string;
  ref: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  last_error: string;
  created_at: string;
  next_attempt_at: string | null;
  sent_at: string | null;
}

export interface SurveySummary {
  name: string;
  kind: 'nps' | 'csat' | 'advocacy_nps';
  subject: string;
  question: string;
}

export interface SurveyResults {
  survey: string;
  kind: string;
  sent: number;
  responses: number;
  response_rate: number;
  nps: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  average: number | null;
  comments: { account_id: string; contact_id: string; score: number; comment: string; answered_at: string }[];
}

export interface Outbox {
  smtp_configured: boolean;
  counts: { queued: number; sent: number; failed: number };
  mail: OutboxMail[];
}

export interface ImportResult {
  committed: boolean;
  files: {
    file: string;
    kind: string;
    rows: number;
    imported: number;
    duplicates: number;
    rejected: number;
    seconds: number;
    ignored_columns: string[];
  }[];
  problems: number;
  messages: string[];
  rejected_csv?: string;
}

export interface Stats {
  accounts: number;
  contacts: number;
  events: number;
  activities: number;
  as_of: string;
  last_refresh_at: string | null;
  last_refresh_ms: number;
  [key: string]: unknown;
}

// ---- the event stream ----

export interface ScoreEvent {
  account_id: string;
  scorecard: string;
  overall: number | null;
  color: string | null;
  previous_overall: number | null;
  previous_color: string | null;
}

export interface CtaEventData {
  cta_id: number;
  account_id: string;
  rule?: string;
  type: string;
  priority: string;
  title: string;
  owner: string;
  status?: string;
}

export interface RefreshEvent {
  as_of: string;
  ms: number;
}

export const ACTIVITY_TYPES = [
  'meeting',
  'call',
  'email',
  'qbr',
  'note',
  'beta_response',
  'community_post',
  'social_mention',
  'reference_call',
  'case_study',
  'speaking',
  'advisory_board',
];

export const IMPORT_KINDS = ['accounts', 'contacts', 'events', 'surveys', 'tickets', 'activities', 'deals', 'subscriptions', 'purchases', 'feedback'];

// ---- predictive models (GET /api/models, POST /api/models/{target}/train|backtest) ----

export type ModelTarget = 'churn' | 'advocate';

export interface CalibrationBin {
  count: number;
  mean_predicted: number;
  observed_rate: number;
}

export interface ModelMetrics {
  roc_auc: number | null;
  pr_auc: number | null;
  top_decile_lift: number | null;
  base_rate: number | null;
  calibration: CalibrationBin[];
}

export interface ModelInfo {
  target: ModelTarget;
  trained: boolean;
  trained_at?: string;
  as_of?: string;
  horizon_days?: number;
  snapshots?: string[];
  rows?: number;
  positives?: number;
  feature_names?: string[];
  metrics?: {
    folds?: number;
    xgboost?: ModelMetrics;
    logreg?: ModelMetrics;
    xgboost_auc?: { mean: number; std: number };
    logreg_auc?: { mean: number; std: number };
  };
  xgboost_params?: Record<string, number>;
  xgboost_rounds?: number;
  predictions?: { as_of: string; scored_at: string; accounts: number } | null;
}

export interface BacktestReport {
  target: ModelTarget;
  as_of: string;
  cutoff: string;
  horizon_days: number;
  train_rows: number;
  train_positives: number;
  train_snapshots: string[];
  test_rows: number;
  test_positives: number;
  xgboost?: ModelMetrics;
  logreg?: ModelMetrics;
}

export interface PredictionReason {
  column: string;
  contribution: number;
  text: string;
}

export interface Prediction {
  probability: number;
  reasons: PredictionReason[];
  model: { as_of: string; scored_at: string; model_trained_at: string; horizon_days: number };
  // Every scoring of the account, by day (the trend).
  trend?: { day: string; probability: number }[];
}

export interface AccountPredictions {
  account_id: string;
  churn: Prediction | null;
  advocate: Prediction | null;
}

// ---- the advocacy program (docs/advocacy.md, /api/advocacy/...) ----

export type AdvocacyActivity = 'reference_call' | 'case_study' | 'speaking' | 'advisory_board';
export const ADVOCACY_ACTIVITIES: AdvocacyActivity[] = ['reference_call', 'case_study', 'speaking', 'advisory_board'];
export type AdvocacyTier = 'reference_network' | 'case_study' | 'event_speaking' | 'advisory_board';
export const ADVOCACY_TIERS: AdvocacyTier[] = ['reference_network', 'case_study', 'event_speaking', 'advisory_board'];
// 'none': a contact who is not in the program (the profile of any contact).
export type AdvocateStatus = 'none' | 'candidate' | 'invited' | 'active' | 'paused' | 'retired';
export type AskStatus = 'asked' | 'accepted' | 'declined' | 'completed';
export type RequestStatus = 'requested' | 'asked' | 'accepted' | 'declined' | 'completed' | 'cancelled';
export const REQUEST_STATUSES: RequestStatus[] = ['requested', 'asked', 'accepted', 'declined', 'completed', 'cancelled'];
export type LedgerDirection = 'gave' | 'received';

export interface AdvocacyReason {
  signal: string;
  points: number;
  text: string;
}

export interface AdvocacyTrendPoint {
  as_of: string;
  advocacy_nps: number | null;
  advocate_renewal_rate: number | null;
  influenced_amount: number | null;
  participation: number | null;
}

export interface AdvocacyTierSummary {
  tier: string;
  label: string;
  activity: string;
  commitment: string;
  benefits: string;
  quarterly_cap: number;
  capacity: number | null;
  min_members: number | null;
  active: number;
  invited: number;
  paused: number;
}

export interface AdvocacyProgram {
  as_of: string;
  metrics: {
    advocacy_nps: number | null;
    participation_rate: Record<string, number | null>;
    advocate_renewal_rate: number | null;
    influenced_deals: number;
    influenced_amount: number;
    influenced_share: number | null;
    // Sent by the server beside the contract's figures; shown when present.
    details?: { asks?: Record<string, { asks: number; accepted: number }>; won_amount?: number };
  };
  trend: AdvocacyTrendPoint[];
  tiers: AdvocacyTierSummary[];
  funnel: Record<string, number>;
  requests: Record<RequestStatus, number>;
  burnout: { asks_per_advocate: number | null; decline_rate: number | null; over_cap: number; extraction_warnings: number };
}

export interface AdvocacyCandidate {
  contact_id: string;
  name: string;
  title: string;
  seniority: string;
  role: string;
  account_id: string;
  account_name: string;
  account_color: string | null;
  score: number;
  account_score: number | null;
  status: 'new' | 'candidate';
  reasons: AdvocacyReason[];
}

export interface AdvocacyCandidateList {
  candidates: AdvocacyCandidate[];
  total: number;
}

export interface Advocate {
  contact_id: string;
  name: string;
  title: string;
  account_id: string;
  account_name: string;
  account_color: string | null;
  tier: string | null;
  status: AdvocateStatus;
  consent: boolean;
  consent_at: string | null;
  preferred: string[];
  since: string | null;
  asks_this_quarter: number;
  quarterly_cap: number | null;
  last_asked_at: string | null;
  gave_180d: number;
  received_180d: number;
  extraction_warning: boolean;
}

export interface LedgerEntry {
  // null for entries the server derives (a completed ask, a timeline activity).
  entry_id: number | null;
  ts: string;
  direction: LedgerDirection;
  kind: string;
  units: number;
  note: string;
  source: 'timeline' | 'ledger' | 'ask' | string;
}

export interface AdvocacyAsk {
  ask_id: number;
  activity: string;
  status: AskStatus;
  asked_at: string;
  answered_at: string | null;
  completed_at: string | null;
  outcome: string | null;
  request_id: number | null;
  note: string | null;
  // Sent by some servers when a decline carries a reason; shown when present.
  reason?: string | null;
}

export interface AdvocateMilestone {
  ts: string;
  kind: 'promotion' | 'title_change' | 'company_move' | string;
  old: string;
  new: string;
  account_id: string;
  old_account_id: string | null;
}

export interface AdvocateProfile extends Advocate {
  propensity: { score: number | null; reasons: AdvocacyReason[] } | null;
  balance: { window_days: number; gave: number; received: number; warning: boolean; text: string };
  ledger: LedgerEntry[];
  asks: AdvocacyAsk[];
  milestones: AdvocateMilestone[];
  timeline: TimelineEntry[];
}

export interface AdvocateChange {
  status?: AdvocateStatus;
  tier?: string;
  consent?: boolean;
  preferred?: string[];
  note?: string;
}

export interface NewLedgerEntry {
  direction: LedgerDirection;
  kind: string;
  units?: number;
  note?: string;
  day?: string;
}

export interface ReferenceRequest {
  request_id: number;
  created_at: string;
  requested_by: string;
  deal_id: string | null;
  prospect: string;
  industry: string | null;
  segment: string | null;
  region: string | null;
  product: string | null;
  deadline: string;
  notes: string | null;
  status: RequestStatus;
  contact_id: string | null;
  contact_name: string | null;
  account_id: string | null;
  account_name: string | null;
  ask_id: number | null;
  asked_at: string | null;
  answered_at: string | null;
  completed_at: string | null;
  outcome: string | null;
}

export interface ReferenceMatch {
  contact_id: string;
  name: string;
  title: string;
  account_id: string;
  account_name: string;
  fit: number;
  reasons: string[];
  asks_this_quarter: number;
  quarterly_cap: number | null;
  last_asked_at: string | null;
}

export interface ReferenceExclusion {
  contact_id: string;
  name: string;
  account_name: string;
  reason: string;
}

export interface ReferenceRequestDetail extends ReferenceRequest {
  matches: ReferenceMatch[];
  excluded: ReferenceExclusion[];
}

export interface NewReferenceRequest {
  prospect: string;
  deal_id?: string;
  industry?: string;
  segment?: string;
  region?: string;
  product?: string;
  deadline: string;
  notes?: string;
}

export interface AdvocacyTierSettings {
  tier: string;
  quarterly_cap: number;
  capacity: number | null;
  min_members: number | null;
}

export interface AdvocacySettings {
  recency_days: number;
  tiers: AdvocacyTierSettings[];
}

export interface ImpactGroup {
  accounts: number;
  mean_change: number | null;
}

export interface AdvocacyImpact {
  window_days: number;
  // Why there is nothing to compare yet (e.g. "not enough score history").
  note?: string;
  treated: ImpactGroup;
  control: ImpactGroup;
  difference: number | null;
  by_segment: { segment: string; treated: ImpactGroup; control: ImpactGroup; difference?: number | null }[];
}

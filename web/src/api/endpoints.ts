// Typed calls, one per route the web app uses (see docs/api.md for what each does).
import { del, get, patch, post, put, upload, type Query } from './client';
import type {
  Account360,
  AdvocacyAsk,
  AdvocacyCandidateList,
  AdvocacyImpact,
  AdvocacyProgram,
  AdvocacySettings,
  Advocate,
  AdvocateChange,
  AdvocateProfile,
  NewLedgerEntry,
  NewReferenceRequest,
  ReferenceRequest,
  ReferenceRequestDetail,
  AccountPredictions,
  BacktestReport,
  ModelInfo,
  ModelTarget,
  AccountList,
  ApiToken,
  Cta,
  CtaDetail,
  CtaList,
  Dashboard,
  DefinitionFile,
  HistoryPoint,
  ImportResult,
  Plan,
  Playbooks,
  PreviewResult,
  Role,
  SavedView,
  Session,
  Stats,
  Task,
  Timeline,
  TimelineEntry,
  User,
  ValidateResult,
  WebhookDelivery,
  Outbox,
  SurveyResults,
  SurveySummary,
  WriteKey,
  TrustedTraits,
  IngestMessage,
} from './types';

const enc = encodeURIComponent;

// ---- session and profile ----
export const login = (email: string, password: string) =>
  post<Session>('/api/login', { email, password }, { quiet401: true });
export const logout = () => post<unknown>('/api/logout', {}, { quiet401: true });
export const me = (signal?: AbortSignal) => get<Session>('/api/me', { signal, quiet401: true });
export const setup = (token: string, email: string, name: string, password: string) =>
  post<unknown>('/api/setup', { token, email, name, password }, { quiet401: true });
export const listTokens = (signal?: AbortSignal) => get<{ tokens: ApiToken[] }>('/api/me/tokens', { signal });
export const createToken = (name: string) => post<{ name: string; token: string; note: string }>('/api/me/tokens', { name });
export const revokeToken = (id: number) => del<unknown>(`/api/me/tokens/${id}`);

// ---- dashboard, accounts and saved views ----
export const dashboard = (signal?: AbortSignal) => get<Dashboard>('/api/dashboard', { signal });
export const listAccounts = (query: Query, signal?: AbortSignal) => get<AccountList>('/api/accounts', { query, signal });
export const account360 = (id: string, signal?: AbortSignal) => get<Account360>(`/api/accounts/${enc(id)}`, { signal });
export const accountHistory = (id: string, scorecard?: string, signal?: AbortSignal) =>
  get<{ account_id: string; history: HistoryPoint[] }>(`/api/accounts/${enc(id)}/history`, {
    query: { scorecard },
    signal,
  });
export const listViews = (signal?: AbortSignal) => get<{ views: SavedView[] }>('/api/views', { signal });
export const createView = (name: string, query: string) => post<SavedView>('/api/views', { name, query });
export const deleteView = (id: number) => del<unknown>(`/api/views/${id}`);

// ---- timeline, plans ----
export const timeline = (id: string, query: Query, signal?: AbortSignal) =>
  get<Timeline>(`/api/accounts/${enc(id)}/timeline`, { query, signal });
export interface NewActivity {
  type: string;
  subject: string;
  notes?: string;
  ts?: string;
  contact_id?: string;
}
export const logActivity = (id: string, a: NewActivity) => post<TimelineEntry>(`/api/accounts/${enc(id)}/timeline`, a);
export const listPlans = (id: string, signal?: AbortSignal) => get<{ plans: Plan[] }>(`/api/accounts/${enc(id)}/plans`, { signal });
export const createPlan = (id: string, template: string) => post<unknown>(`/api/accounts/${enc(id)}/plans`, { template });
export const setObjectiveStatus = (id: number, status: string) => patch<unknown>(`/api/objectives/${id}`, { status });
export const playbooks = (signal?: AbortSignal) => get<Playbooks>('/api/playbooks', { signal });

// ---- CTAs and tasks ----
export const listCtas = (query: Query, signal?: AbortSignal) => get<CtaList>('/api/ctas', { query, signal });
export const cta = (id: number, signal?: AbortSignal) => get<CtaDetail>(`/api/ctas/${id}`, { signal });
export interface NewCta {
  account_id: string;
  title: string;
  type?: string;
  priority?: string;
  description?: string;
  due_date?: string;
  owner?: string;
  playbook?: string;
}
export const createCta = (c: NewCta) => post<Cta>('/api/ctas', c);
export const startCta = (id: number) => post<CtaDetail>(`/api/ctas/${id}/start`, {});
export const closeCta = (id: number, reason: string, comment: string) =>
  post<CtaDetail>(`/api/ctas/${id}/close`, { reason, comment });
export const snoozeCta = (id: number, until: string) => post<CtaDetail>(`/api/ctas/${id}/snooze`, { until });
export const assignCta = (id: number, owner: string) => post<CtaDetail>(`/api/ctas/${id}/assign`, { owner });
export const commentCta = (id: number, text: string) => post<CtaDetail>(`/api/ctas/${id}/comment`, { text });
export const updateTask = (id: number, change: { status?: 'done'; owner?: string; notes?: string }) =>
  patch<Task>(`/api/tasks/${id}`, change);

// ---- predictive models ----
export const models = (signal?: AbortSignal) => get<{ models: ModelInfo[] }>('/api/models', { signal });
export const trainModel = (target: ModelTarget, options: { horizon_days?: number; folds?: number } = {}) =>
  post<ModelInfo>(`/api/models/${target}/train`, options);
export const backtestModel = (target: ModelTarget, options: { horizon_days?: number } = {}) =>
  post<BacktestReport>(`/api/models/${target}/backtest`, options);
export const accountPredictions = (id: string, signal?: AbortSignal) =>
  get<AccountPredictions>(`/api/accounts/${enc(id)}/predictions`, { signal });

// ---- the advocacy program (docs/advocacy.md) ----
export const advocacyProgram = (asOf?: string, signal?: AbortSignal) =>
  get<AdvocacyProgram>('/api/advocacy/program', { query: { as_of: asOf }, signal });
export const advocacyImpact = (signal?: AbortSignal) => get<AdvocacyImpact>('/api/advocacy/impact', { signal });
export const advocacyCandidates = (query: { limit?: number; offset?: number; q?: string }, signal?: AbortSignal) =>
  get<AdvocacyCandidateList>('/api/advocacy/candidates', { query, signal });
export const inviteCandidate = (contactId: string, tier: string, note?: string) =>
  post<Advocate>(`/api/advocacy/candidates/${enc(contactId)}/invite`, { tier, ...(note ? { note } : {}) });
export const snoozeCandidate = (contactId: string, days: number, reason: string) =>
  post<unknown>(`/api/advocacy/candidates/${enc(contactId)}/snooze`, { days, reason });
export const dismissCandidate = (contactId: string, reason: string) =>
  post<unknown>(`/api/advocacy/candidates/${enc(contactId)}/dismiss`, { reason });
export const listAdvocates = (query: { tier?: string; status?: string }, signal?: AbortSignal) =>
  get<{ advocates: Advocate[] }>('/api/advocacy/advocates', { query, signal });
export const advocateProfile = (contactId: string, signal?: AbortSignal) =>
  get<AdvocateProfile>(`/api/advocacy/advocates/${enc(contactId)}`, { signal });
export const changeAdvocate = (contactId: string, change: AdvocateChange) =>
  patch<Advocate | AdvocateProfile>(`/api/advocacy/advocates/${enc(contactId)}`, change);
export const recordLedger = (contactId: string, entry: NewLedgerEntry) =>
  post<unknown>(`/api/advocacy/advocates/${enc(contactId)}/ledger`, entry);
export const askAdvocate = (contactId: string, activity: string, note?: string) =>
  post<AdvocacyAsk>(`/api/advocacy/advocates/${enc(contactId)}/asks`, { activity, ...(note ? { note } : {}) });
export const acceptAsk = (askId: number) => post<AdvocacyAsk>(`/api/advocacy/asks/${askId}/accept`, {});
export const declineAsk = (askId: number, reason: string) => post<AdvocacyAsk>(`/api/advocacy/asks/${askId}/decline`, { reason });
export const completeAsk = (askId: number, outcome: string) => post<AdvocacyAsk>(`/api/advocacy/asks/${askId}/complete`, { outcome });
export const listReferenceRequests = (status: string, signal?: AbortSignal) =>
  get<{ requests: ReferenceRequest[] }>('/api/advocacy/requests', { query: { status }, signal });
export const createReferenceRequest = (r: NewReferenceRequest) => post<ReferenceRequest>('/api/advocacy/requests', r);
export const referenceRequest = (id: number, signal?: AbortSignal) =>
  get<ReferenceRequestDetail>(`/api/advocacy/requests/${id}`, { signal });
export const askForRequest = (id: number, contactId: string) =>
  post<ReferenceRequest>(`/api/advocacy/requests/${id}/ask`, { contact_id: contactId });
export const acceptRequest = (id: number) => post<ReferenceRequest>(`/api/advocacy/requests/${id}/accept`, {});
export const declineRequest = (id: number, reason: string) => post<ReferenceRequest>(`/api/advocacy/requests/${id}/decline`, { reason });
export const completeRequest = (id: number, outcome: string) =>
  post<ReferenceRequest>(`/api/advocacy/requests/${id}/complete`, { outcome });
export const cancelRequest = (id: number) => post<ReferenceRequest>(`/api/advocacy/requests/${id}/cancel`, {});
export const advocacySettings = (signal?: AbortSignal) => get<AdvocacySettings>('/api/advocacy/settings', { signal });
export const saveAdvocacySettings = (s: AdvocacySettings) => put<AdvocacySettings>('/api/advocacy/settings', s);

// ---- admin ----
export const definitions = (signal?: AbortSignal) => get<{ files: DefinitionFile[] }>('/api/definitions', { signal });
export const validateDefinitions = (files: DefinitionFile[]) =>
  post<ValidateResult>('/api/definitions/validate', { files: files.map(({ path, content }) => ({ path, content })) });
export const applyDefinitions = (files: DefinitionFile[]) =>
  put<unknown>('/api/definitions', { files: files.map(({ path, content }) => ({ path, content })) });
export const previewCondition = (condition: string, limit = 200) =>
  post<PreviewResult>('/api/definitions/preview', { condition, limit });
export const listUsers = (signal?: AbortSignal) => get<{ users: User[] }>('/api/users', { signal });
export const addUser = (u: { email: string; name: string; role: Role; password: string }) => post<User>('/api/users', u);
export const changeUser = (id: number, change: { role?: Role; password?: string; disabled?: boolean }) =>
  patch<User>(`/api/users/${id}`, change);
export const listWriteKeys = (signal?: AbortSignal) => get<{ write_keys: WriteKey[] }>('/api/writekeys', { signal });
export const createWriteKey = (name: string, origins: string[] = []) =>
  post<{ name: string; write_key: string; note: string; origins: string[]; kind: string }>('/api/writekeys', { name, origins });
export const setWriteKeyOrigins = (id: number, origins: string[]) =>
  patch<{ key_id: number; origins: string[]; kind: string }>(`/api/writekeys/${id}`, { origins });
export const getTrustedTraits = (signal?: AbortSignal) => get<TrustedTraits>('/api/writekeys/trusted-traits', { signal });
export const setTrustedTraits = (traits: string[]) => put<TrustedTraits>('/api/writekeys/trusted-traits', { traits });
export const recentIngest = (signal?: AbortSignal) => get<{ messages: IngestMessage[] }>('/api/ingest/recent?limit=50', { signal });
export const revokeWriteKey = (id: number) => del<unknown>(`/api/writekeys/${id}`);
export const webhooks = (status: string, signal?: AbortSignal) =>
  get<{ deliveries: WebhookDelivery[] }>('/api/webhooks', { query: { status }, signal });
export const surveys = (signal?: AbortSignal) => get<{ surveys: SurveySummary[] }>('/api/surveys', { signal });
export const surveyResults = (name: string, signal?: AbortSignal) => get<SurveyResults>(`/api/surveys/${encodeURIComponent(name)}/results`, { signal });
export const outbox = (status: string, signal?: AbortSignal) => get<Outbox>('/api/admin/outbox', { query: { status }, signal });
export const retryOutbox = () => post<{ requeued: number }>('/api/admin/outbox/retry', {});
export const sendTestMail = (to: string) => post<{ mail_id: number }>('/api/admin/mail/test', { to });
export const stats = (signal?: AbortSignal) => get<Stats>('/api/stats', { signal });
export const refresh = () => post<unknown>('/api/refresh', {});
export const importCsv = (
  kind: string,
  file: File,
  skipBad: boolean,
  onProgress: (sent: number, total: number) => void,
  onSent: () => void,
) =>
  upload<ImportResult>(
    `/api/import/${enc(kind)}?filename=${enc(file.name)}${skipBad ? '&skip_bad=true' : ''}`,
    file,
    'text/csv',
    onProgress,
    onSent,
  );

// Mapped imports (docs/formats.md): a proposed mapping for a file in another tool's layout,
// and an import (or dry run) through a mapping.
export interface MappingProposal {
  header: string[];
  fields: { field: string; column: string; format: string; required: boolean }[];
  mapping: string;
}
export const proposeMapping = (kind: string, file: Blob) =>
  upload<MappingProposal>(`/api/import/${enc(kind)}/propose`, file, 'text/csv', () => {}).promise;
export interface MappedImportResult extends ImportResult {
  dry_run: boolean;
  preview?: { header: string[]; rows: string[][]; value_counts: Record<string, Record<string, number>>; total_rows: number; skipped: number };
}
export const importMapped = (kind: string, body: { csv: string; mapping: string; filename: string; dry_run: boolean; skip_bad?: boolean }) =>
  post<MappedImportResult>(`/api/import/${enc(kind)}/mapped`, body);

// The dashboard is the first page most people open: main.tsx starts loading it at once,
// before the session check and the page's code have arrived, and the page takes it over.
let dashboardPrefetch: Promise<Dashboard> | null = null;
export function prefetchDashboard(): void {
  dashboardPrefetch = get<Dashboard>('/api/dashboard', { quiet401: true });
  dashboardPrefetch.catch(() => {});
}
export function takeDashboardPrefetch(): Promise<Dashboard> | null {
  const p = dashboardPrefetch;
  dashboardPrefetch = null;
  return p;
}

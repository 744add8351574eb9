// The voice of the customer (docs/feedback.md): types and calls of /api/requests,
// /api/feedback and /api/product-areas.
import { get, patch, post, type Query } from './client';

export const FEEDBACK_SOURCES = ['call', 'meeting', 'qbr', 'ticket', 'survey', 'email', 'community', 'other'];
export const FEEDBACK_KINDS = ['feature_request', 'bug', 'praise', 'complaint', 'question'];
export const FEEDBACK_IMPORTANCES = ['nice', 'important', 'blocker'];
export const REQUEST_STATUSES = ['new', 'under_review', 'planned', 'in_progress', 'shipped', 'declined'];
// The figures a request is ranked by (sort keys and min_/max_ filters).
export const REQUEST_FIGURES = [
  'arr_at_risk',
  'arr',
  'blocker_arr',
  'renewing_arr',
  'accounts',
  'contacts',
  'items',
  'red_or_yellow',
] as const;

export interface FeedbackRequest {
  request_id: number;
  title: string;
  description: string;
  product_area: string | null;
  status: string;
  external_link: string | null;
  target_release: string | null;
  merged_into: number | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RankedRequest extends FeedbackRequest {
  items: number;
  accounts: number;
  contacts: number;
  arr: number;
  blocker_arr: number;
  renewing_arr: number;
  arr_at_risk: number;
  red: number;
  yellow: number;
  red_or_yellow: number;
  segments: Record<string, number>;
}

export interface RequestList {
  requests: RankedRequest[];
  total: number;
  as_of: string;
  renewal_horizon_days: number;
}

export interface FeedbackItem {
  item_id: number;
  account_id: string;
  contact_id: string | null;
  source: string;
  source_ref: string | null;
  kind: string;
  text: string;
  product_area: string | null;
  importance: string;
  created_by: string | null;
  created_at: string;
  request_id: number | null;
  request_title?: string;
  request_status?: string;
  account_name?: string;
  contact_name?: string;
}

export interface AccountAsking {
  account_id: string;
  name: string;
  segment: string;
  csm: string;
  arr: number;
  renewal_date: string | null;
  color: string | null;
  items: number;
  blocker: boolean;
  renewing: boolean;
  at_risk: boolean;
  contacts: string[];
}

// A request's page: its figures, the accounts asking and their quotes (`items` is the list of
// items here, not their count).
export type RequestDetailBody = Omit<RankedRequest, 'items'> & {
  items: FeedbackItem[];
  accounts_asking: AccountAsking[];
  merged_requests: FeedbackRequest[];
  redirected_from: number | null;
};

export interface Suggestion {
  request_id: number;
  title: string;
  status: string;
  score: number;
}

export interface FeedbackSource {
  source: string;
  source_ref: string;
  contact_id: string;
  text: string;
  ts: string;
  logged: boolean;
}

export interface NewFeedback {
  account_id: string;
  contact_id?: string;
  source: string;
  source_ref?: string;
  kind: string;
  text: string;
  product_area?: string;
  importance: string;
  request_id?: number;
  request_title?: string;
}

export interface StatusChange {
  request: FeedbackRequest;
  from: string;
  changed: boolean;
  cta_ids: number[];
  timeline_entries: number;
  webhooks: number;
}

const enc = encodeURIComponent;

export const listRequests = (query: Query, signal?: AbortSignal) =>
  get<RequestList>('/api/requests', { query, signal });
export const getRequest = (id: number, signal?: AbortSignal) =>
  get<RequestDetailBody>(`/api/requests/${id}`, { signal });
export const createRequest = (body: { title: string; description?: string; product_area?: string }) =>
  post<FeedbackRequest>('/api/requests', body);
export const patchRequest = (id: number, body: Partial<FeedbackRequest>) =>
  patch<StatusChange | { request: FeedbackRequest; changed: false }>(`/api/requests/${id}`, body);
export const mergeRequest = (id: number, into: number) =>
  post<{ moved_items: number; request: FeedbackRequest }>(`/api/requests/${id}/merge`, { into });
export const listFeedback = (query: Query, signal?: AbortSignal) =>
  get<{ items: FeedbackItem[]; total: number }>('/api/feedback', { query, signal });
export const logFeedback = (body: NewFeedback) => post<FeedbackItem>('/api/feedback', body);
export const linkFeedback = (id: number, request_id: number | null) =>
  patch<FeedbackItem>(`/api/feedback/${id}`, { request_id });
export const suggestRequests = (text: string, signal?: AbortSignal) =>
  get<{ suggestions: Suggestion[]; method: string }>('/api/feedback/suggest', { query: { text, limit: 5 }, signal });
export const feedbackSources = (accountId: string, signal?: AbortSignal) =>
  get<{ sources: FeedbackSource[] }>(`/api/accounts/${enc(accountId)}/feedback-sources`, { signal });
export const productAreas = (signal?: AbortSignal) =>
  get<{ product_areas: string[] }>('/api/product-areas', { signal });

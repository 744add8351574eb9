// The advocacy program's rules as the UI needs them (docs/advocacy.md): names of tiers,
// activities and ledger kinds, which moves each status allows, and the small figures (load
// against cap, capacity, rates) the pages show. Pure functions, tested in advocacy.test.ts.
import type { AdvocateStatus, AskStatus, LedgerDirection, RequestStatus } from '../../api/types';
import { humanize } from '../../lib/format';

export const TIER_LABELS: Record<string, string> = {
  reference_network: 'Reference network',
  case_study: 'Case study',
  event_speaking: 'Event speaking',
  advisory_board: 'Advisory board',
};

// The activity each tier asks for.
export const TIER_ACTIVITY: Record<string, string> = {
  reference_network: 'reference_call',
  case_study: 'case_study',
  event_speaking: 'speaking',
  advisory_board: 'advisory_board',
};

export const ACTIVITY_LABELS: Record<string, string> = {
  reference_call: 'Reference call',
  case_study: 'Case study',
  speaking: 'Speaking',
  advisory_board: 'Advisory board',
};

export const tierLabel = (t: string | null | undefined) => (t ? (TIER_LABELS[t] ?? humanize(t)) : '—');
export const activityLabel = (a: string | null | undefined) => (a ? (ACTIVITY_LABELS[a] ?? humanize(a)) : '—');

// Ledger kinds per direction with their default weight (units).
export const LEDGER_KINDS: Record<LedgerDirection, { kind: string; label: string; units: number }[]> = {
  gave: [
    { kind: 'reference_call', label: 'Reference call', units: 1 },
    { kind: 'case_study', label: 'Case study', units: 3 },
    { kind: 'speaking', label: 'Talk', units: 3 },
    { kind: 'advisory_board', label: 'Advisory board meeting', units: 2 },
  ],
  received: [
    { kind: 'early_access', label: 'Early access', units: 1 },
    { kind: 'roadmap_session', label: 'Roadmap session', units: 2 },
    { kind: 'honorarium', label: 'Honorarium', units: 2 },
    { kind: 'travel', label: 'Travel', units: 2 },
    { kind: 'recognition', label: 'Recognition', units: 1 },
    { kind: 'referral', label: 'Referral (business sent their way)', units: 3 },
  ],
};

export function ledgerKindLabel(kind: string): string {
  for (const d of ['gave', 'received'] as LedgerDirection[]) {
    const k = LEDGER_KINDS[d].find((x) => x.kind === kind);
    if (k) return k.label;
  }
  return humanize(kind);
}

export function defaultUnits(direction: LedgerDirection, kind: string): number | null {
  return LEDGER_KINDS[direction].find((k) => k.kind === kind)?.units ?? null;
}

// ---- the advocate lifecycle: candidate -> invited -> active -> paused -> retired ----

const ADVOCATE_MOVES: Record<AdvocateStatus, AdvocateStatus[]> = {
  none: [],
  candidate: ['invited'],
  invited: ['active', 'retired'],
  active: ['paused', 'retired'],
  paused: ['active', 'retired'],
  retired: [],
};

export function advocateMoves(status: AdvocateStatus): AdvocateStatus[] {
  return ADVOCATE_MOVES[status] ?? [];
}

// The button that makes a move, in words.
export function moveLabel(from: AdvocateStatus, to: AdvocateStatus): string {
  if (to === 'active') return from === 'paused' ? 'Resume' : 'Activate';
  if (to === 'paused') return 'Pause';
  if (to === 'retired') return 'Retire';
  if (to === 'invited') return 'Invite';
  return humanize(to);
}

// Whether the program may ask this advocate for something now.
export function canBeAsked(a: { status: AdvocateStatus; consent: boolean }): boolean {
  return a.status === 'active' && a.consent;
}

// ---- asks and reference requests ----

export type AskAction = 'accept' | 'decline' | 'complete';

export function askActions(status: AskStatus): AskAction[] {
  if (status === 'asked') return ['accept', 'decline'];
  if (status === 'accepted') return ['complete'];
  return [];
}

export type RequestAction = 'ask' | 'accept' | 'decline' | 'complete' | 'cancel';

// What can be done to a reference request in each status: requested -> asked -> accepted |
// declined -> completed; a declined request is asked again; any open request is cancelled.
export function requestActions(status: RequestStatus): RequestAction[] {
  switch (status) {
    case 'requested':
      return ['ask', 'cancel'];
    case 'asked':
      return ['accept', 'decline', 'cancel'];
    case 'accepted':
      return ['complete', 'cancel'];
    case 'declined':
      return ['ask', 'cancel'];
    default:
      return [];
  }
}

export const isOpenRequest = (status: RequestStatus) => requestActions(status).length > 0;

// A request's status in words, with whom it waits on.
export function requestStatusText(r: { status: RequestStatus; contact_name: string | null }): string {
  const who = r.contact_name ?? 'the advocate';
  const Who = r.contact_name ?? 'The advocate';
  switch (r.status) {
    case 'requested':
      return 'Waiting for a match';
    case 'asked':
      return `Asked ${who}; waiting for an answer`;
    case 'accepted':
      return `${Who} accepted; complete it with the outcome`;
    case 'declined':
      return `${Who} declined; ask another advocate`;
    case 'completed':
      return 'Completed';
    case 'cancelled':
      return 'Cancelled';
    default:
      return humanize(r.status);
  }
}

// ---- figures ----

// "11 / 12" (members against capacity), "11" when the tier has no capacity.
export function capacityText(members: number, capacity: number | null | undefined): string {
  return capacity === null || capacity === undefined ? String(members) : `${members} / ${capacity}`;
}

export type Load = 'ok' | 'full' | 'over';

// Asks this quarter against the cap: 'full' at the cap, 'over' past it.
export function loadOf(asks: number, cap: number | null | undefined): Load {
  if (cap === null || cap === undefined) return 'ok';
  if (asks > cap) return 'over';
  return asks === cap ? 'full' : 'ok';
}

export function loadText(asks: number, cap: number | null | undefined): string {
  return cap === null || cap === undefined ? String(asks) : `${asks} / ${cap}`;
}

// A rate in [0, 1] as a percentage; null (nothing to measure) as a dash.
export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${Math.round(r * 100)}%`;
}

// NPS runs from -100 to 100: one decimal, with its sign.
export function formatNps(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = (Math.round(n * 10) / 10).toFixed(1);
  return n > 0 ? `+${s}` : s;
}

export function formatUnits(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 10) / 10);
}

// A health change (points) with its sign: "+4.1", "-0.8".
export function formatDelta(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const s = n.toFixed(1);
  return n > 0 ? `+${s}` : s;
}

// Whole days from an ISO instant to `now` ("today", "3 days ago").
export function daysSince(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null;
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / 86400000);
}

// Whole days from the user's today to a calendar day ("YYYY-MM-DD"): 0 today, < 0 past.
export function daysUntil(day: string, now: Date = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - today) / 86400000);
}

// Tiers in the program's order, then any others by name.
export function tierOrder(a: string, b: string): number {
  const keys = Object.keys(TIER_LABELS);
  const ia = keys.indexOf(a);
  const ib = keys.indexOf(b);
  return (ia < 0 ? keys.length : ia) - (ib < 0 ? keys.length : ib) || a.localeCompare(b);
}

// Settings form values: a blank field is "no limit" (null); otherwise a whole number >= 0.
export function parseLimit(text: string): number | null | 'invalid' {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return 'invalid';
  return Number(t);
}

// The advocacy program's rules as the UI applies them (docs/advocacy.md).
import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, type AdvocateStatus } from '../../api/types';
import {
  activityLabel,
  advocateMoves,
  askActions,
  canBeAsked,
  capacityText,
  daysSince,
  daysUntil,
  defaultUnits,
  formatDelta,
  formatNps,
  formatRate,
  formatUnits,
  isOpenRequest,
  LEDGER_KINDS,
  ledgerKindLabel,
  loadOf,
  loadText,
  moveLabel,
  parseLimit,
  requestActions,
  requestStatusText,
  tierLabel,
  tierOrder,
} from './advocacy';

describe('advocate lifecycle', () => {
  it('follows candidate -> invited -> active -> paused -> retired', () => {
    expect(advocateMoves('candidate')).toEqual(['invited']);
    expect(advocateMoves('invited')).toEqual(['active', 'retired']);
    expect(advocateMoves('active')).toEqual(['paused', 'retired']);
    expect(advocateMoves('paused')).toEqual(['active', 'retired']);
  });
  it('ends at retired, and a contact outside the program has no moves', () => {
    expect(advocateMoves('retired')).toEqual([]);
    expect(advocateMoves('none')).toEqual([]);
  });
  it('names each move', () => {
    const labels = (['invited', 'active', 'paused'] as AdvocateStatus[]).flatMap((s) => advocateMoves(s).map((t) => moveLabel(s, t)));
    expect(labels).toEqual(['Activate', 'Retire', 'Pause', 'Retire', 'Resume', 'Retire']);
  });
  it('asks only active, consenting advocates', () => {
    expect(canBeAsked({ status: 'active', consent: true })).toBe(true);
    expect(canBeAsked({ status: 'active', consent: false })).toBe(false);
    expect(canBeAsked({ status: 'paused', consent: true })).toBe(false);
    expect(canBeAsked({ status: 'invited', consent: true })).toBe(false);
  });
});

describe('asks', () => {
  it('are answered, then an accepted one is completed', () => {
    expect(askActions('asked')).toEqual(['accept', 'decline']);
    expect(askActions('accepted')).toEqual(['complete']);
    expect(askActions('declined')).toEqual([]);
    expect(askActions('completed')).toEqual([]);
  });
});

describe('reference requests', () => {
  it('offer the actions of their status', () => {
    expect(requestActions('requested')).toEqual(['ask', 'cancel']);
    expect(requestActions('asked')).toEqual(['accept', 'decline', 'cancel']);
    expect(requestActions('accepted')).toEqual(['complete', 'cancel']);
    expect(requestActions('declined')).toEqual(['ask', 'cancel']);
    expect(requestActions('completed')).toEqual([]);
    expect(requestActions('cancelled')).toEqual([]);
  });
  it('every open request can be cancelled; closed ones cannot', () => {
    for (const s of REQUEST_STATUSES) expect(requestActions(s).includes('cancel')).toBe(isOpenRequest(s));
    expect(REQUEST_STATUSES.filter(isOpenRequest)).toEqual(['requested', 'asked', 'accepted', 'declined']);
  });
  it('say what they wait on', () => {
    expect(requestStatusText({ status: 'asked', contact_name: 'Ana Silva' })).toBe('Asked Ana Silva; waiting for an answer');
    expect(requestStatusText({ status: 'declined', contact_name: null })).toBe('The advocate declined; ask another advocate');
    expect(requestStatusText({ status: 'requested', contact_name: null })).toBe('Waiting for a match');
  });
});

describe('figures', () => {
  it('shows members against capacity', () => {
    expect(capacityText(11, 12)).toBe('11 / 12');
    expect(capacityText(14, null)).toBe('14');
  });
  it('compares asks with the quarterly cap', () => {
    expect(loadOf(1, 2)).toBe('ok');
    expect(loadOf(2, 2)).toBe('full');
    expect(loadOf(3, 2)).toBe('over');
    expect(loadOf(5, null)).toBe('ok');
    expect(loadText(1, 2)).toBe('1 / 2');
    expect(loadText(1, null)).toBe('1');
  });
  it('formats rates, NPS, units and changes', () => {
    expect(formatRate(0.75)).toBe('75%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatNps(42.86)).toBe('+42.9');
    expect(formatNps(-10)).toBe('-10.0');
    expect(formatNps(0)).toBe('0.0');
    expect(formatNps(null)).toBe('—');
    expect(formatUnits(3)).toBe('3.0');
    expect(formatUnits(1.25)).toBe('1.3');
    expect(formatDelta(4.1)).toBe('+4.1');
    expect(formatDelta(-0.8)).toBe('-0.8');
    expect(formatDelta(null)).toBe('—');
  });
  it('counts whole days since an instant', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(daysSince('2026-11-24T09:00:00Z', now)).toBe(0);
    expect(daysSince('2026-11-12T12:00:00Z', now)).toBe(12);
    expect(daysSince(null, now)).toBe(null);
    expect(daysSince('not a time', now)).toBe(null);
  });
  it('counts calendar days to a deadline', () => {
    const now = new Date(2026, 10, 24, 23, 30);
    expect(daysUntil('2026-11-24', now)).toBe(0);
    expect(daysUntil('2026-12-10', now)).toBe(16);
    expect(daysUntil('2026-11-20', now)).toBe(-4);
    expect(daysUntil('soon', now)).toBe(null);
  });
  it('reads a settings limit: blank is none, else a whole number', () => {
    expect(parseLimit('')).toBe(null);
    expect(parseLimit(' 12 ')).toBe(12);
    expect(parseLimit('0')).toBe(0);
    expect(parseLimit('-1')).toBe('invalid');
    expect(parseLimit('2.5')).toBe('invalid');
  });
});

describe('names', () => {
  it('names tiers and activities, falling back to words', () => {
    expect(tierLabel('reference_network')).toBe('Reference network');
    expect(tierLabel('vip_club')).toBe('Vip club');
    expect(tierLabel(null)).toBe('—');
    expect(activityLabel('speaking')).toBe('Speaking');
  });
  it('orders tiers as the program does', () => {
    expect(['advisory_board', 'zeta', 'reference_network', 'case_study'].sort(tierOrder)).toEqual([
      'reference_network',
      'case_study',
      'advisory_board',
      'zeta',
    ]);
  });
  it('knows each ledger kind and its default weight', () => {
    expect(LEDGER_KINDS.gave.map((k) => k.kind)).toEqual(['reference_call', 'case_study', 'speaking', 'advisory_board']);
    expect(LEDGER_KINDS.received.map((k) => [k.kind, k.units])).toEqual([
      ['early_access', 1],
      ['roadmap_session', 2],
      ['honorarium', 2],
      ['travel', 2],
      ['recognition', 1],
      ['referral', 3],
    ]);
    expect(defaultUnits('gave', 'case_study')).toBe(3);
    expect(defaultUnits('received', 'case_study')).toBe(null);
    expect(ledgerKindLabel('roadmap_session')).toBe('Roadmap session');
    expect(ledgerKindLabel('swag')).toBe('Swag');
  });
});

import { describe, expect, it } from 'vitest';
import { formatRatio, inWindow, monthWindow, monthlyBridge, parseMonthFigure, renewalHealthWindows, renewalWindows } from './revenue';

describe('revenue helpers', () => {
  it('formats ratios as percents', () => {
    expect(formatRatio(0.97314)).toBe('97.3%');
  });
  it('sums the daily bridge by month', () => {
    const m = monthlyBridge([
      { day: '2026-01-31', arr: 100, new: 100, expansion: 0, contraction: 0, churn: 0 },
      { day: '2026-02-01', arr: 150, new: 0, expansion: 50, contraction: 0, churn: 0 },
      { day: '2026-02-02', arr: 120, new: 0, expansion: 0, contraction: 30, churn: 0 },
    ]);
    expect(m).toEqual([
      { month: '2026-01', arr: 100, new: 100, expansion: 0, contraction: 0, churn: 0 },
      { month: '2026-02', arr: 120, new: 0, expansion: 50, contraction: 30, churn: 0 },
    ]);
  });
  it('puts renewals in their windows', () => {
    const r = (date: string, forecast: 'commit' | 'at_risk', arr: number) => ({
      subscription_id: date, account_id: 'A', product: 'p', renewal_date: date, arr, renewed_arr: 0,
      stage: 'upcoming', owner: '', forecast, arr_at_stake: arr, notes: '', edited: false,
    });
    const w = renewalWindows([r('2026-01-20', 'commit', 10), r('2026-03-15', 'at_risk', 5)], '2026-01-01');
    expect(w.map((x) => x.count)).toEqual([1, 1, 2, 2]);
    expect(w[2].atStake.at_risk).toBe(5);
    expect(w[3].total).toBe(15);
  });
  it('splits the ARR at stake by health and filters a window', () => {
    const r = (date: string, color: string | null, arr: number) => ({
      subscription_id: date, account_id: 'A', product: 'p', renewal_date: date, arr, renewed_arr: 0,
      stage: 'upcoming', owner: '', forecast: 'commit' as const, arr_at_stake: arr, notes: '', edited: false,
      health: color ? { overall: 40, color } : null,
    });
    const list = [r('2026-01-20', 'red', 10), r('2026-01-25', null, 3), r('2026-03-15', 'green', 5)];
    const w = renewalHealthWindows(list, '2026-01-01');
    expect(w[0].atStake).toEqual({ green: 0, yellow: 0, red: 10, none: 3 });
    expect(w[3].count).toEqual({ green: 1, yellow: 0, red: 1, none: 1 });
    expect(list.filter((x) => inWindow(x, '2026-01-01', 30, undefined, 'red')).length).toBe(1);
    expect(list.filter((x) => inWindow(x, '2026-01-01', 90, 'at_risk')).length).toBe(0);
  });
  it('turns a month of the bridge into a window', () => {
    expect(monthWindow('2026-02', '2026-11-20')).toEqual({ asOf: '2026-02-28', windowDays: 28 });
    expect(monthWindow('2026-11', '2026-11-20')).toEqual({ asOf: '2026-11-20', windowDays: 20 });
    expect(parseMonthFigure('month:2026-08:churned')).toEqual({ month: '2026-08', movement: 'churned' });
    expect(parseMonthFigure('grr')).toBeNull();
  });
});

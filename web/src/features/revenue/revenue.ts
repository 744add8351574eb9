// Pure helpers of the Revenue page: ratio formatting, the monthly ARR bridge, renewal windows.
import type { ArrDay, Renewal, RenewalForecast } from '../../api/revenue';

export const RENEWAL_WINDOWS = [30, 60, 90, 180] as const;
export const FORECASTS: RenewalForecast[] = ['commit', 'best_case', 'at_risk'];

// 0.9731 -> "97.3%"
export function formatRatio(r: number): string {
  return `${(100 * r).toFixed(1)}%`;
}

export interface MonthBridge {
  month: string; // YYYY-MM
  arr: number; // at the month's last day in the history
  new: number;
  expansion: number;
  contraction: number;
  churn: number;
}

// The daily history summed by calendar month (the ARR is the month's last day's).
export function monthlyBridge(days: ArrDay[]): MonthBridge[] {
  const out: MonthBridge[] = [];
  for (const d of days) {
    const month = d.day.slice(0, 7);
    let m = out[out.length - 1];
    if (!m || m.month !== month) {
      m = { month, arr: 0, new: 0, expansion: 0, contraction: 0, churn: 0 };
      out.push(m);
    }
    m.arr = d.arr;
    m.new += d.new;
    m.expansion += d.expansion;
    m.contraction += d.contraction;
    m.churn += d.churn;
  }
  return out;
}

export interface WindowRow {
  days: number;
  count: number;
  atStake: Record<RenewalForecast, number>;
  total: number;
}

// Renewals due within each window of days after `asOf` (YYYY-MM-DD), with their ARR at stake
// by forecast.
export function renewalWindows(renewals: Renewal[], asOf: string): WindowRow[] {
  const base = Date.parse(`${asOf}T00:00:00Z`);
  return RENEWAL_WINDOWS.map((days) => {
    const row: WindowRow = { days, count: 0, atStake: { commit: 0, best_case: 0, at_risk: 0 }, total: 0 };
    for (const r of renewals) {
      const ahead = (Date.parse(`${r.renewal_date}T00:00:00Z`) - base) / 86_400_000;
      if (ahead < 0 || ahead > days) continue;
      row.count += 1;
      row.atStake[r.forecast] = (row.atStake[r.forecast] ?? 0) + r.arr_at_stake;
      row.total += r.arr_at_stake;
    }
    return row;
  });
}

// Pure helpers of the Revenue page: ratio formatting, the monthly ARR bridge, renewal windows.
import type { ArrDay, Movement, Renewal, RenewalForecast } from '../../api/revenue';

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

export const HEALTH_COLORS = ['green', 'yellow', 'red', 'none'] as const;
export type HealthColor = (typeof HEALTH_COLORS)[number];

// The health color a renewal counts under ('none': not scored).
export function renewalColor(r: Renewal): HealthColor {
  const c = r.health?.color;
  return c === 'green' || c === 'yellow' || c === 'red' ? c : 'none';
}

// Whether renewal `r` is due within `days` after `asOf`, and (when given) has that forecast
// or health color.
export function inWindow(r: Renewal, asOf: string, days: number, forecast?: RenewalForecast, color?: HealthColor): boolean {
  const ahead = (Date.parse(`${r.renewal_date}T00:00:00Z`) - Date.parse(`${asOf}T00:00:00Z`)) / 86_400_000;
  if (ahead < 0 || ahead > days) return false;
  if (forecast && r.forecast !== forecast) return false;
  if (color && renewalColor(r) !== color) return false;
  return true;
}

// The ARR at stake of the renewals due within each window, by the account's health now.
export function renewalHealthWindows(renewals: Renewal[], asOf: string): { days: number; atStake: Record<HealthColor, number>; count: Record<HealthColor, number> }[] {
  return RENEWAL_WINDOWS.map((days) => {
    const atStake: Record<HealthColor, number> = { green: 0, yellow: 0, red: 0, none: 0 };
    const count: Record<HealthColor, number> = { green: 0, yellow: 0, red: 0, none: 0 };
    for (const r of renewals) {
      if (!inWindow(r, asOf, days)) continue;
      atStake[renewalColor(r)] += r.arr_at_stake;
      count[renewalColor(r)] += 1;
    }
    return { days, atStake, count };
  });
}

// The movements of ARR behind each figure of the page (docs/revenue.md): what opening the
// figure lists. The ratios list the accounts that moved them below 100% (and, for NRR, the
// expansion that lifts it); ARR now lists every account with ARR on the as-of day.
export const FIGURE_MOVEMENTS: Record<string, Movement[]> = {
  grr: ['churned', 'contraction'],
  nrr: ['churned', 'contraction', 'expansion'],
  logo: ['churned'],
  ending: ['new', 'expansion', 'contraction', 'unchanged'],
  new: ['new'],
  expansion: ['expansion'],
  contraction: ['contraction'],
  churned: ['churned'],
};

// A month of the ARR bridge as a window of the retention figures: from the last day of the
// month before (S) to the month's last day, or `asOf` for the month it falls in (D).
export function monthWindow(month: string, asOf: string): { asOf: string; windowDays: number } {
  const start = Date.parse(`${month}-01T00:00:00Z`);
  const next = new Date(start);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const end = Math.min(next.getTime() - 86_400_000, Date.parse(`${asOf}T00:00:00Z`));
  return { asOf: new Date(end).toISOString().slice(0, 10), windowDays: Math.round((end - (start - 86_400_000)) / 86_400_000) };
}

// The bridge chart's series and the movements they show.
export const SERIES_MOVEMENTS: Record<string, Movement> = { New: 'new', Expansion: 'expansion', Contraction: 'contraction', Churn: 'churned' };

// ?figure= of a bar of the bridge chart: "month:YYYY-MM:movement"; null for the figures.
export function parseMonthFigure(figure: string): { month: string; movement: Movement } | null {
  const m = /^month:(\d{4}-\d{2}):(new|expansion|contraction|churned)$/.exec(figure);
  return m ? { month: m[1], movement: m[2] as Movement } : null;
}

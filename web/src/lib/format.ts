// Formatting of numbers, money and times. Timestamps (ISO instants from the API) are shown in
// the user's time zone: the one chosen on the profile page, else the browser's. Calendar days
// ("YYYY-MM-DD": renewal dates, as-of days) are days, not instants, and are never shifted.

const TZ_KEY = 'tend.timeZone';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function timeZone(): string {
  try {
    return localStorage.getItem(TZ_KEY) || browserTimeZone();
  } catch {
    return browserTimeZone();
  }
}

export function setTimeZone(tz: string | null): void {
  try {
    if (tz) localStorage.setItem(TZ_KEY, tz);
    else localStorage.removeItem(TZ_KEY);
  } catch {
    /* private mode: keep the browser's zone */
  }
  dateTimeFmt = null;
}

let dateTimeFmt: Intl.DateTimeFormat | null = null;
const dayFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const shortDayFmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  if (!dateTimeFmt) {
    dateTimeFmt = new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: timeZone(),
    });
  }
  return dateTimeFmt.format(d);
}

function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatDay(day: string | null | undefined): string {
  if (!day) return '—';
  const d = parseDay(day);
  return d ? dayFmt.format(d) : day;
}

export function formatShortDay(day: string): string {
  const d = parseDay(day);
  return d ? shortDayFmt.format(d) : day;
}

export function addDays(day: string, n: number): string {
  const d = parseDay(day);
  if (!d) return day;
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const intFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const numFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const moneyFmt = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const compactMoneyFmt = new Intl.NumberFormat(undefined, {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

export const formatInt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : intFmt.format(n));
export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '—' : numFmt.format(n));
export const formatMoney = (n: number | null | undefined) => (n === null || n === undefined ? '—' : moneyFmt.format(n));
export const formatMoneyCompact = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : compactMoneyFmt.format(n);

export function formatScore(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toFixed(1);
}

export function formatChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const s = n.toFixed(1);
  return n > 0 ? `+${s}` : s;
}

export function formatPercent(part: number, whole: number): string {
  if (!whole) return '0%';
  return `${Math.round((100 * part) / whole)}%`;
}

// "in 12 days", "today", "3 days ago"
export function relativeDays(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

// snake_case identifiers to words: "no_action" -> "No action"
export function humanize(s: string | null | undefined): string {
  if (!s) return '';
  const t = s.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

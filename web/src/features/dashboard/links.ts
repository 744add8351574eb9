// Where the dashboard's charts lead: the accounts list (its URL mirrors /api/accounts' query
// parameters) and the cockpit's CTA list.
import { toQuery } from '../../lib/query';

export const HEALTH_COLORS: Record<string, string> = {
  red: '#d64545',
  yellow: '#e0a100',
  green: '#2f9e5b',
  none: '#a3abb8',
};

function url(path: string, q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = toQuery(p);
  return s ? `${path}?${s}` : path;
}

export function accountsUrl(q: Record<string, string | undefined>): string {
  return url('/accounts', q);
}

export function ctasUrl(q: Record<string, string | undefined>): string {
  return url('/cockpit', { scope: 'team', ...q });
}

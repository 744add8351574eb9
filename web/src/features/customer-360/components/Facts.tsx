// The account's facts: ARR, renewal, tenure, CSM, lifecycle stage and its attributes.
import type { Account360 } from '../../../api/types';
import { formatDay, formatMoney, formatNumber, humanize, relativeDays } from '../../../lib/format';
import { Link } from 'react-router-dom';

// The server has no lifecycle field yet (see README, API gaps): derive the stage from tenure
// and renewal, the way a CSM team usually names them.
export function lifecycleStage(status: string, tenureDays: number | null, daysToRenewal: number | null): string {
  if (status !== 'active') return humanize(status);
  if (tenureDays !== null && tenureDays < 90) return 'Onboarding';
  if (daysToRenewal !== null && daysToRenewal >= 0 && daysToRenewal <= 90) return 'Renewal';
  return 'Adoption';
}

export function tenureText(days: number | null): string {
  if (days === null) return '—';
  const years = Math.floor(days / 365);
  const months = Math.floor((days % 365) / 30.4);
  if (years === 0 && months === 0) return `${Math.round(days)} days`;
  const parts = [];
  if (years) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (months) parts.push(`${months} month${months === 1 ? '' : 's'}`);
  return parts.join(' ');
}

export function Facts({ d }: { d: Account360 }) {
  const a = d.account;
  const attrs = Object.entries(a.attributes ?? {});
  return (
    <aside className="card facts" aria-label="Account facts">
      <dl>
        <Fact label="ARR" big>
          {formatMoney(a.arr)}
        </Fact>
        <Fact label="Renewal">
          {formatDay(a.renewal_date)} <span className="muted small">{relativeDays(a.days_to_renewal)}</span>
        </Fact>
        <Fact label="Tenure">
          {tenureText(a.tenure_days)} <span className="muted small">since {formatDay(a.start_date)}</span>
        </Fact>
        <Fact label="CSM">{a.csm ? <Link to={`/accounts?csm=${encodeURIComponent(a.csm)}`}>{a.csm}</Link> : <span className="muted">none</span>}</Fact>
        <Fact label="Lifecycle">{lifecycleStage(a.status, a.tenure_days, a.days_to_renewal)}</Fact>
        <Fact label="Segment">{a.segment ? <Link to={`/accounts?segment=${encodeURIComponent(a.segment)}`}>{humanize(a.segment)}</Link> : '—'}</Fact>
        <Fact label="Industry">{humanize(a.industry) || '—'}</Fact>
        <Fact label="Region">{a.region ? a.region.toUpperCase() : '—'}</Fact>
        {attrs.map(([k, v]) => (
          <Fact key={k} label={humanize(k)}>
            {typeof v === 'number' ? formatNumber(v) : String(v ?? '—')}
          </Fact>
        ))}
      </dl>
    </aside>
  );
}

function Fact({ label, big, children }: { label: string; big?: boolean; children: React.ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={big ? 'fact-big' : undefined}>{children}</dd>
    </div>
  );
}

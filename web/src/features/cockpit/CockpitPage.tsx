// The cockpit: the CTAs to work on. "Mine" (owned by me) for CSMs; "Team" for leaders. Filters
// live in the URL (/cockpit?scope=team&priority=high). New and changed CTAs arrive live.
import { useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { CTA_PRIORITIES, CTA_TYPES, type Cta } from '../../api/types';
import { PriorityTag, StatusTag } from '../../components/CtaBits';
import { Async, Empty } from '../../components/Status';
import { useLiveEvent } from '../../live/LiveContext';
import { formatDateTime, formatShortDay, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { MyRenewals } from '../revenue/MyRenewals';

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

export default function CockpitPage() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') ?? (user.role === 'csm' ? 'mine' : 'team');
  const status = params.get('status') ?? 'open';
  const priority = params.get('priority') ?? '';
  const type = params.get('type') ?? '';
  const owner = params.get('owner') ?? '';
  const snoozed = params.get('include_snoozed') === 'true';

  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };

  const query = {
    status,
    priority,
    type,
    owner: scope === 'team' ? owner : '',
    mine: scope === 'mine' ? 'true' : '',
    include_snoozed: snoozed ? 'true' : '',
    limit: 1000,
  };
  const key = JSON.stringify(query);
  const state = useApi((signal) => api.listCtas(query, signal), [key]);

  const timer = useRef<number | null>(null);
  const reloadSoon = () => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      state.reload();
    }, 500);
  };
  useLiveEvent('cta', reloadSoon);
  useLiveEvent('cta_updated', reloadSoon);

  const sorted = useMemo(
    () =>
      [...(state.data?.ctas ?? [])].sort(
        (a, b) =>
          (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) ||
          (a.due_date ?? '9999').localeCompare(b.due_date ?? '9999') ||
          a.cta_id - b.cta_id,
      ),
    [state.data],
  );

  return (
    <div className="page" data-testid={T.cockpit}>
      <header className="page-header">
        <div>
          <h1>Cockpit</h1>
          <p className="muted">
            {scope === 'mine' ? 'CTAs you own' : 'Every CTA of the team'}
            {state.data && ` · ${state.data.total} ${humanize(status).toLowerCase()}`}
          </p>
        </div>
        {!can.workCtas(user.role) && <p className="muted small">You can read CTAs; your role cannot work them.</p>}
      </header>
      <div className="filters" role="search" aria-label="Filter CTAs">
        <div className="segmented" role="group" aria-label="Whose CTAs">
          <button type="button" aria-pressed={scope === 'mine'} className={scope === 'mine' ? 'active' : ''} onClick={() => set('scope', 'mine')}>
            Mine
          </button>
          <button type="button" aria-pressed={scope === 'team'} className={scope === 'team' ? 'active' : ''} onClick={() => set('scope', 'team')}>
            Team
          </button>
        </div>
        <label className="inline-field">
          Status
          <select value={status} onChange={(e) => set('status', e.target.value === 'open' ? null : e.target.value)}>
            <option value="open">open (incl. in progress)</option>
            <option value="in_progress">in progress</option>
            <option value="closed">closed</option>
            <option value="all">all</option>
          </select>
        </label>
        <label className="inline-field">
          Priority
          <select value={priority} onChange={(e) => set('priority', e.target.value || null)}>
            <option value="">any</option>
            {CTA_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {humanize(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Type
          <select value={type} onChange={(e) => set('type', e.target.value || null)}>
            <option value="">any</option>
            {Array.from(new Set([...CTA_TYPES, 'advocacy', type].filter(Boolean))).map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </label>
        {scope === 'team' && (
          <label className="inline-field">
            Owner
            <input defaultValue={owner} key={owner} placeholder="anyone" onBlur={(e) => set('owner', e.target.value.trim() || null)} onKeyDown={(e) => e.key === 'Enter' && set('owner', (e.target as HTMLInputElement).value.trim() || null)} />
          </label>
        )}
        <label className="check">
          <input type="checkbox" checked={snoozed} onChange={(e) => set('include_snoozed', e.target.checked ? 'true' : null)} /> show snoozed
        </label>
      </div>
      {scope === 'mine' && <MyRenewals />}
      <Async state={state} what="CTAs">
        {() =>
          sorted.length === 0 ? (
            <Empty title={scope === 'mine' ? 'Nothing on your plate' : 'No CTAs match'}>
              {scope === 'mine' ? 'No CTA is assigned to you with these filters.' : 'Change a filter to see more.'}
            </Empty>
          ) : (
            <CtaTable ctas={sorted} />
          )
        }
      </Async>
      {state.data && state.data.total > sorted.length && (
        <p className="muted small">Showing the first {sorted.length} of {state.data.total}; narrow the filters to see the rest.</p>
      )}
    </div>
  );
}

function CtaTable({ ctas }: { ctas: Cta[] }) {
  return (
    <table className="table" data-testid={T.ctaList}>
      <thead>
        <tr>
          <th scope="col">Priority</th>
          <th scope="col">CTA</th>
          <th scope="col">Account</th>
          <th scope="col">Type</th>
          <th scope="col">Owner</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {ctas.map((c) => (
          <tr key={c.cta_id} data-testid={T.ctaRow} data-cta-id={c.cta_id}>
            <td>
              <PriorityTag priority={c.priority} />
            </td>
            <td>
              <Link to={`/cockpit/ctas/${c.cta_id}`}>{c.title}</Link>
              <div className="muted small">opened {formatDateTime(c.created_at)}</div>
            </td>
            <td>
              <Link to={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.account_id}</Link>
            </td>
            <td>{humanize(c.type)}</td>
            <td>{c.owner || <span className="muted">nobody</span>}</td>
            <td>{c.due_date ? formatShortDay(c.due_date) : '—'}</td>
            <td>
              <StatusTag status={c.status} snoozedUntil={c.snoozed_until} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

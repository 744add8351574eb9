// Reference requests: sales reps ask for a reference for a deal (prospect, what should match,
// a deadline); the program matches advocates and works the request. The list's status filter
// lives in the URL (?status=open, the default, all, or one status); ?new=1 opens the form.
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { REQUEST_STATUSES, type ReferenceRequest } from '../../api/types';
import { Async, Empty } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { addDays, formatDateTime, formatDay, formatInt } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { daysUntil, isOpenRequest } from './advocacy';
import { RequestStatusTag } from './components/AdvocacyBits';

export default function RequestsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = params.get('status') ?? 'open';
  const creating = params.get('new') === '1';
  // "open" is every status a request can still move from; the server filters one status.
  const serverStatus = filter === 'open' || filter === 'all' ? '' : filter;
  const state = useApi((signal) => api.listReferenceRequests(serverStatus, signal), [serverStatus]);
  const rows = useMemo(
    () =>
      [...(state.data?.requests ?? [])]
        .filter((r) => filter !== 'open' || isOpenRequest(r.status))
        .sort((a, b) => (filter === 'open' ? a.deadline.localeCompare(b.deadline) : 0) || b.request_id - a.request_id),
    [state.data, filter],
  );
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };

  return (
    <div className="page" data-testid={T.referenceRequests}>
      <header className="page-header">
        <div>
          <h1>Reference requests</h1>
          <p className="muted">
            Deals that need a customer to vouch for us, matched with advocates who have room for it
            {state.data && ` · ${formatInt(rows.length)} shown`}
          </p>
        </div>
        {can.workReferenceRequests(user.role) && !creating && (
          <div className="actions">
            <button type="button" className="primary" onClick={() => set('new', '1')} data-testid={T.newRequest}>
              New request
            </button>
          </div>
        )}
      </header>
      {creating && can.workReferenceRequests(user.role) && (
        <NewRequestForm
          onDone={(created) => {
            if (created) navigate(`/advocacy/requests/${created.request_id}`);
            else set('new', null);
          }}
        />
      )}
      <div className="filters" role="search" aria-label="Filter requests">
        <label className="inline-field">
          Status
          <select value={filter} onChange={(e) => set('status', e.target.value === 'open' ? null : e.target.value)} data-testid={T.requestStatusFilter}>
            <option value="open">open</option>
            <option value="all">all</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Async state={state} what="the requests">
        {() =>
          rows.length === 0 ? (
            <Empty title={filter === 'open' ? 'No open request' : 'No request matches'}>
              {can.workReferenceRequests(user.role) ? 'Ask for a reference with “New request”.' : 'Sales reps create reference requests for their deals.'}
            </Empty>
          ) : (
            <RequestTable rows={rows} />
          )
        }
      </Async>
    </div>
  );
}

function criteria(r: ReferenceRequest): string {
  return [r.industry, r.segment, r.region, r.product].filter(Boolean).join(' · ');
}

function RequestTable({ rows }: { rows: ReferenceRequest[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Prospect</th>
          <th scope="col">Looking for</th>
          <th scope="col">Deadline</th>
          <th scope="col">Status</th>
          <th scope="col">Advocate</th>
          <th scope="col">Requested</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const left = daysUntil(r.deadline) ?? 0;
          const late = isOpenRequest(r.status) && left < 0;
          return (
            <tr key={r.request_id} data-testid={T.requestRow} data-request-id={r.request_id} data-status={r.status}>
              <td>
                <Link to={`/advocacy/requests/${r.request_id}`}>
                  <strong>{r.prospect}</strong>
                </Link>
                <div className="muted small">
                  #{r.request_id}
                  {r.deal_id && ` · deal ${r.deal_id}`}
                </div>
              </td>
              <td className="small">{criteria(r) || <span className="muted">anyone</span>}</td>
              <td className="nowrap">
                {formatDay(r.deadline)}
                {isOpenRequest(r.status) && <div className={`small ${late ? 'warn-text' : 'muted'}`}>{left === 0 ? 'today' : left > 0 ? `in ${left} days` : `${-left} days late`}</div>}
              </td>
              <td>
                <RequestStatusTag status={r.status} />
              </td>
              <td>
                {r.contact_name ? (
                  <>
                    {r.contact_name}
                    <div className="muted small">{r.account_name}</div>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="small">
                {r.requested_by}
                <div className="muted">{formatDateTime(r.created_at)}</div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// The values the workspace's accounts use (matching compares them as written, ignoring case):
// suggestions for the form, from one page of accounts.
function useAccountValues() {
  const state = useApi((signal) => api.listAccounts({ limit: 1000 }, signal), []);
  return useMemo(() => {
    const values = (k: 'industry' | 'segment' | 'region') => [...new Set((state.data?.accounts ?? []).map((a) => a[k]).filter(Boolean))].sort();
    return { industry: values('industry'), segment: values('segment'), region: values('region') };
  }, [state.data]);
}

function NewRequestForm({ onDone }: { onDone: (created: ReferenceRequest | null) => void }) {
  const toast = useToast();
  const known = useAccountValues();
  const [f, setF] = useState({ prospect: '', deal_id: '', industry: '', segment: '', region: '', product: '', deadline: addDays(today(), 14), notes: '' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value })) });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    try {
      const created = await api.createReferenceRequest({
        prospect: f.prospect.trim(),
        deal_id: opt(f.deal_id),
        industry: opt(f.industry),
        segment: opt(f.segment),
        region: opt(f.region),
        product: opt(f.product),
        deadline: f.deadline,
        notes: opt(f.notes),
      });
      toast({ kind: 'success', text: `Reference request for ${created.prospect} created.` });
      onDone(created);
    } catch (err) {
      setError(describeError(err, 'create reference requests'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={submit} aria-label="New reference request">
      <h2>New reference request</h2>
      <div className="form-row">
        <label className="field grow">
          <span>Prospect</span>
          <input required autoFocus {...field('prospect')} data-testid={T.requestProspect} />
        </label>
        <label className="field">
          <span>Deal id (optional)</span>
          <input {...field('deal_id')} placeholder="D0000002" data-testid={T.requestDeal} />
        </label>
        <label className="field">
          <span>Needed by</span>
          <input type="date" required min={today()} {...field('deadline')} data-testid={T.requestDeadline} />
        </label>
      </div>
      <p className="muted small">What the reference should have in common with the prospect (each is optional; matches are ranked by fit):</p>
      <div className="form-row">
        <label className="field grow">
          <span>Industry</span>
          <input {...field('industry')} list="known-industry" placeholder={known.industry[0] ? `e.g. ${known.industry[0]}` : ''} data-testid={T.requestIndustry} />
          <datalist id="known-industry">
            {known.industry.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </label>
        <label className="field grow">
          <span>Segment</span>
          <input {...field('segment')} list="known-segment" placeholder={known.segment[0] ? `e.g. ${known.segment[0]}` : ''} data-testid={T.requestSegment} />
          <datalist id="known-segment">
            {known.segment.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </label>
        <label className="field grow">
          <span>Region</span>
          <input {...field('region')} list="known-region" placeholder={known.region[0] ? `e.g. ${known.region[0]}` : ''} data-testid={T.requestRegion} />
          <datalist id="known-region">
            {known.region.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </label>
        <label className="field grow">
          <span>Product or use case</span>
          <input {...field('product')} placeholder="e.g. analytics" data-testid={T.requestProduct} />
        </label>
      </div>
      <label className="field">
        <span>Notes (optional)</span>
        <textarea rows={2} {...field('notes')} data-testid={T.requestNotes} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !f.prospect.trim() || !f.deadline} data-testid={T.requestSubmit}>
          {busy ? 'Creating…' : 'Create request'}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}


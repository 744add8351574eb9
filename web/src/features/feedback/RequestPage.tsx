// One request (docs/feedback.md): its figures, the accounts asking with their contacts, the
// quotes, and for the product role (and admins, ops) the status change that notifies the CSMs
// of the accounts asking (planned, shipped) and the merge into another request.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as fb from '../../api/feedback';
import { HealthBadge } from '../../components/Health';
import { Async } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatDateTime, formatDay, formatInt, formatMoney, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { EnumSelect, RequestStatusBadge, SegmentList } from './components/RequestBits';

export default function RequestPage() {
  const id = Number(useParams().id);
  const user = useUser();
  const state = useApi((signal) => fb.getRequest(id, signal), [id]);
  return (
    <div className="page" data-testid={T.productRequest}>
      <p className="breadcrumb">
        <Link to="/requests">← Requests</Link>
      </p>
      <Async state={state} what="the request">
        {(r) => (
          <>
            <header className="page-header">
              <div>
                <h1>{r.title}</h1>
                <p className="muted">
                  #{r.request_id}
                  {r.product_area && ` · ${r.product_area}`} · <RequestStatusBadge status={r.status} />
                  {r.target_release && ` · target ${r.target_release}`}
                  {r.external_link && (
                    <>
                      {' · '}
                      <a href={r.external_link} target="_blank" rel="noreferrer">
                        {r.external_link}
                      </a>
                    </>
                  )}
                  {r.redirected_from && ` · request #${r.redirected_from} was merged into this one`}
                </p>
                {r.description && <p>{r.description}</p>}
              </div>
            </header>
            <dl className="facts figures" data-testid={T.productRequestFigures} style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: '0.75rem 1.5rem' }}>
              <Figure label="Accounts asking" value={formatInt(r.accounts)} />
              <Figure label="Contacts asking" value={formatInt(r.contacts)} />
              <Figure label="ARR asking" value={formatMoney(r.arr)} />
              <Figure label="Blocker ARR" value={formatMoney(r.blocker_arr)} />
              <Figure label="Renewing within 180 days" value={formatMoney(r.renewing_arr)} />
              <Figure label="ARR at risk" value={formatMoney(r.arr_at_risk)} testId={T.productRequestArrAtRisk} />
              <Figure label="Red / yellow" value={`${r.red} / ${r.yellow}`} />
              <Figure label="Segments" value={<SegmentList segments={r.segments} />} />
            </dl>
            {can.ownRequests(user.role) && <Manage r={r} onChange={state.reload} />}
            <h2>Accounts asking</h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Health</th>
                  <th scope="col" className="num">
                    ARR
                  </th>
                  <th scope="col">Renewal</th>
                  <th scope="col">Segment</th>
                  <th scope="col">CSM</th>
                  <th scope="col">Why it counts</th>
                </tr>
              </thead>
              <tbody>
                {r.accounts_asking.map((a) => (
                  <tr key={a.account_id} data-testid={T.productRequestAccount}>
                    <td>
                      <Link to={`/accounts/${encodeURIComponent(a.account_id)}`}>{a.name || a.account_id}</Link>
                      <div className="muted small">
                        {a.items} items · {a.contacts.length} contacts
                      </div>
                    </td>
                    <td>
                      <HealthBadge color={a.color} />
                    </td>
                    <td className="num">{formatMoney(a.arr)}</td>
                    <td>{formatDay(a.renewal_date)}</td>
                    <td>{humanize(a.segment)}</td>
                    <td>{a.csm}</td>
                    <td className="small">{[a.blocker && 'blocker', a.renewing && 'renewing', a.at_risk && 'at risk'].filter(Boolean).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>What they said</h2>
            <ul className="quotes">
              {r.items.map((i) => (
                <li key={i.item_id} data-testid={T.productRequestQuote}>
                  <blockquote>{i.text}</blockquote>
                  <div className="muted small">
                    {i.contact_name || i.contact_id || 'someone'} at {i.account_name || i.account_id} · {humanize(i.source)} · {humanize(i.importance)} ·{' '}
                    {formatDateTime(i.created_at)}
                  </div>
                </li>
              ))}
            </ul>
            {r.merged_requests.length > 0 && (
              <p className="muted small">Merged into this one: {r.merged_requests.map((m) => `#${m.request_id} ${m.title}`).join(', ')}</p>
            )}
          </>
        )}
      </Async>
    </div>
  );
}

function Figure({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function Manage({ r, onChange }: { r: fb.RequestDetailBody; onChange: () => void }) {
  const toast = useToast();
  const navigate = useNavigate();
  const [status, setStatus] = useState(r.status);
  const [into, setInto] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const res = await fb.patchRequest(r.request_id, { status });
      if ('cta_ids' in res && res.changed) {
        toast({
          kind: 'success',
          text: `Now ${humanize(status)}${res.cta_ids.length ? `: ${res.cta_ids.length} CSM CTAs to tell the customers` : ''}.`,
        });
      }
      onChange();
    } catch (err) {
      setError(describeError(err, 'change the status'));
    } finally {
      setBusy(false);
    }
  };
  const merge = async () => {
    const target = Number(into);
    if (!target) return;
    setBusy(true);
    setError('');
    try {
      const res = await fb.mergeRequest(r.request_id, target);
      toast({ kind: 'success', text: `Merged: ${res.moved_items} items moved to #${target}.` });
      navigate(`/requests/${target}`);
    } catch (err) {
      setError(describeError(err, 'merge the request'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-label="Manage the request">
      <form className="inline-form" onSubmit={(e) => void save(e)}>
        <label className="inline-field">
          Status
          <EnumSelect values={fb.REQUEST_STATUSES} value={status} onChange={(e) => setStatus(e.target.value)} testId={T.productRequestStatus} />
        </label>
        <button type="submit" className="primary" disabled={busy || status === r.status} data-testid={T.productRequestSave}>
          Set status
        </button>
        <span className="muted small">Planned and shipped notify the CSM of every account asking.</span>
      </form>
      <div className="inline-form">
        <label className="inline-field">
          Merge into request #
          <input value={into} onChange={(e) => setInto(e.target.value.replace(/\D/g, ''))} size={6} data-testid={T.productRequestMergeInto} />
        </label>
        <button type="button" disabled={busy || !into} onClick={() => void merge()} data-testid={T.productRequestMerge}>
          Merge
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

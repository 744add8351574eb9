// One reference request: what the deal needs, the advocates who match it ranked by fit with
// the reasons, the advocates left out and why (over their cap, asked too recently, a red
// account, an open risk CTA), and the work on it: ask a match (admin, ops, CSMs), then record
// the answer, complete it with the outcome, or cancel it.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import type { ReferenceRequestDetail } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Loading } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError, isNotFound } from '../../lib/errors';
import { formatDateTime, formatDay, formatScore } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { daysSince, requestActions, requestStatusText } from './advocacy';
import { Load, RequestStatusTag, TextDialog } from './components/AdvocacyBits';

export default function RequestPage() {
  const { id = '' } = useParams();
  const requestId = Number(id);
  const state = useApi((signal) => api.referenceRequest(requestId, signal), [requestId]);
  if (state.error && !state.data) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/advocacy/requests">← Reference requests</Link>
        </p>
        {isNotFound(state.error) ? <h1>No reference request {id}</h1> : <ErrorMessage error={state.error} retry={state.reload} />}
      </div>
    );
  }
  if (!state.data) return <Loading what="Loading the request" />;
  return <RequestView r={state.data} reload={state.reload} />;
}

type Dialogs = 'decline' | 'complete' | 'cancel' | null;

function RequestView({ r, reload }: { r: ReferenceRequestDetail; reload: () => void }) {
  const user = useUser();
  const toast = useToast();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const actions = requestActions(r.status);
  // Sales reps complete and cancel their requests; asking and recording the answer is the
  // program's work (admin, ops, CSMs).
  const canAnswer = can.workAdvocates(user.role);
  const allowed = actions.filter((a) => (a === 'ask' || a === 'accept' || a === 'decline' ? canAnswer : can.workReferenceRequests(user.role)));
  const canAsk = allowed.includes('ask');
  const seeProfiles = can.seeAdvocacy(user.role);

  const run = async (what: string, call: () => Promise<unknown>, success: string) => {
    setBusy(what);
    try {
      await call();
      toast({ kind: 'success', text: success });
      reload();
      return true;
    } catch (e) {
      toast({ kind: 'error', text: describeError(e, what) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const profile = (contactId: string, name: string) =>
    seeProfiles ? <Link to={`/advocacy/advocates/${encodeURIComponent(contactId)}`}>{name}</Link> : <>{name}</>;

  return (
    <div className="page" data-testid={T.referenceRequest} data-request-id={r.request_id}>
      <p className="breadcrumb">
        <Link to="/advocacy/requests">← Reference requests</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>Reference for {r.prospect}</h1>
          <p className="muted">
            #{r.request_id} · requested by {r.requested_by || 'someone'} on {formatDateTime(r.created_at)} · needed by <strong>{formatDay(r.deadline)}</strong>
          </p>
        </div>
        <div className="request-status" data-testid={T.requestStatus} data-status={r.status}>
          <RequestStatusTag status={r.status} />
          <div className="muted small">{requestStatusText(r)}</div>
        </div>
      </header>

      {allowed.some((a) => a !== 'ask') && (
        <div className="actions" role="toolbar" aria-label="Work on this request">
          {allowed.includes('accept') && (
            <button type="button" className="primary" disabled={busy !== null} data-testid={T.requestAccept} onClick={() => void run('record the answer', () => api.acceptRequest(r.request_id), `${r.contact_name ?? 'The advocate'} accepted.`)}>
              Accepted
            </button>
          )}
          {allowed.includes('decline') && (
            <button type="button" disabled={busy !== null} data-testid={T.requestDecline} onClick={() => setDialog('decline')}>
              Declined…
            </button>
          )}
          {allowed.includes('complete') && (
            <button type="button" className="primary" disabled={busy !== null} data-testid={T.requestComplete} onClick={() => setDialog('complete')}>
              Complete…
            </button>
          )}
          {allowed.includes('cancel') && (
            <button type="button" className="danger" disabled={busy !== null} data-testid={T.requestCancel} onClick={() => setDialog('cancel')}>
              Cancel request…
            </button>
          )}
        </div>
      )}

      <div className="grid grid-2-1">
        <div>
          <section className="card" aria-labelledby="matches-title">
            <header className="card-header">
              <h2 id="matches-title">Matches</h2>
              <span className="muted small">active, consenting advocates with room this quarter, best fit first</span>
            </header>
            {r.matches.length === 0 ? (
              <p className="muted">No advocate matches right now. See who is left out and why below.</p>
            ) : (
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Advocate</th>
                    <th scope="col" className="num">
                      Fit
                    </th>
                    <th scope="col">Why</th>
                    <th scope="col" className="num">
                      This quarter
                    </th>
                    <th scope="col">Last asked</th>
                    {canAsk && <th scope="col" />}
                  </tr>
                </thead>
                <tbody>
                  {r.matches.map((m) => {
                    const ago = daysSince(m.last_asked_at);
                    return (
                      <tr key={m.contact_id} data-testid={T.matchRow} data-contact-id={m.contact_id} data-current={m.contact_id === r.contact_id}>
                        <td>
                          <strong>{profile(m.contact_id, m.name)}</strong>
                          <div className="small">{m.title}</div>
                          <div className="muted small">
                            <Link to={`/accounts/${encodeURIComponent(m.account_id)}`}>{m.account_name || m.account_id}</Link>
                          </div>
                        </td>
                        <td className="num">
                          <span className="score-pill">{formatScore(m.fit)}</span>
                        </td>
                        <td>
                          <ul className="reasons">
                            {m.reasons.map((x, i) => (
                              <li key={i} data-testid={T.matchReason}>
                                {x}
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td className="num">
                          <Load asks={m.asks_this_quarter} cap={m.quarterly_cap} />
                        </td>
                        <td className="small">{m.last_asked_at ? (ago === null ? formatDateTime(m.last_asked_at) : `${ago} days ago`) : <span className="muted">never</span>}</td>
                        {canAsk && (
                          <td>
                            <button
                              type="button"
                              className="small primary"
                              disabled={busy !== null}
                              data-testid={T.matchAsk}
                              onClick={() => void run('ask this advocate', () => api.askForRequest(r.request_id, m.contact_id), `Asked ${m.name}.`)}
                            >
                              Ask
                            </button>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
          <section className="card" aria-labelledby="excluded-title">
            <header className="card-header">
              <h2 id="excluded-title">Left out</h2>
              <span className="muted small">advocates the program will not ask now, and why</span>
            </header>
            {r.excluded.length === 0 ? (
              <p className="muted">Nobody is left out.</p>
            ) : (
              <table className="table compact">
                <tbody>
                  {r.excluded.map((x) => (
                    <tr key={x.contact_id} data-testid={T.excludedRow} data-contact-id={x.contact_id}>
                      <td>
                        {profile(x.contact_id, x.name)}
                        <div className="muted small">{x.account_name}</div>
                      </td>
                      <td>{x.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
        <div>
          <section className="card" aria-labelledby="need-title">
            <h2 id="need-title">What the deal needs</h2>
            <dl className="pairs">
              <dt>Prospect</dt>
              <dd>{r.prospect}</dd>
              <dt>Deal</dt>
              <dd>{r.deal_id || '—'}</dd>
              <dt>Industry</dt>
              <dd>{r.industry || 'any'}</dd>
              <dt>Segment</dt>
              <dd>{r.segment || 'any'}</dd>
              <dt>Region</dt>
              <dd>{r.region || 'any'}</dd>
              <dt>Product / use case</dt>
              <dd>{r.product || 'any'}</dd>
              <dt>Needed by</dt>
              <dd>{formatDay(r.deadline)}</dd>
            </dl>
            {r.notes && <p className="small">{r.notes}</p>}
          </section>
          <section className="card" aria-labelledby="advocate-title" data-testid={T.requestAdvocate} data-contact-id={r.contact_id ?? ''}>
            <h2 id="advocate-title">Advocate</h2>
            {r.contact_id ? (
              <dl className="pairs">
                <dt>Asked</dt>
                <dd>
                  {profile(r.contact_id, r.contact_name ?? r.contact_id)}
                  {r.account_id && (
                    <div className="small">
                      <Link to={`/accounts/${encodeURIComponent(r.account_id)}`}>{r.account_name || r.account_id}</Link>
                    </div>
                  )}
                </dd>
                <dt>On</dt>
                <dd>{formatDateTime(r.asked_at)}</dd>
                <dt>Answered</dt>
                <dd>{formatDateTime(r.answered_at)}</dd>
                <dt>Completed</dt>
                <dd>{formatDateTime(r.completed_at)}</dd>
                {r.outcome && (
                  <>
                    <dt>Outcome</dt>
                    <dd data-testid="request-outcome">{r.outcome}</dd>
                  </>
                )}
              </dl>
            ) : (
              <p className="muted">Nobody asked yet{canAsk ? ': pick a match and ask.' : '.'}</p>
            )}
          </section>
        </div>
      </div>

      <TextDialog
        open={dialog === 'decline'}
        title="The advocate declined"
        label="Reason"
        intro="The request stays open: ask another match."
        submitLabel="Record decline"
        onClose={() => setDialog(null)}
        onSubmit={(reason) => run('record the decline', () => api.declineRequest(r.request_id, reason), 'Decline recorded. Ask another advocate.')}
      />
      <TextDialog
        open={dialog === 'complete'}
        title="Complete the reference"
        label="Outcome"
        intro="How did the reference go? Completing logs a reference call on the advocate's timeline and ledger."
        submitLabel="Complete"
        onClose={() => setDialog(null)}
        onSubmit={(outcome) => run('complete the request', () => api.completeRequest(r.request_id, outcome), 'Reference completed.')}
      />
      <Dialog open={dialog === 'cancel'} title="Cancel the request" onClose={() => setDialog(null)}>
        <p>The request closes without a reference{r.contact_name ? `, and ${r.contact_name} is no longer expected to take the call` : ''}.</p>
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            data-testid={T.answerSubmit}
            onClick={async () => {
              if (await run('cancel the request', () => api.cancelRequest(r.request_id), 'Request cancelled.')) setDialog(null);
            }}
          >
            Cancel request
          </button>
          <button type="button" onClick={() => setDialog(null)}>
            Keep it
          </button>
        </div>
      </Dialog>
    </div>
  );
}

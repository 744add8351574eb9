// One CTA: what it is about, its playbook tasks, comments and history, and the work on it:
// start, complete tasks, comment, snooze, reassign, close with a reason.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { accountRevenue } from '../../api/revenue';
import { CLOSE_REASONS, type CtaDetail } from '../../api/types';
import { PriorityTag, StatusTag } from '../../components/CtaBits';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Loading } from '../../components/Status';
import { TaskList } from '../../components/TaskList';
import { useToast } from '../../components/Toasts';
import { useLiveEvent } from '../../live/LiveContext';
import { describeError, isNotFound } from '../../lib/errors';
import { addDays, formatDateTime, formatDay, formatMoney, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';

type Action = 'close' | 'snooze' | 'assign' | null;

const REASON_TEXT: Record<string, string> = {
  success: 'Success: the risk is resolved or the goal reached',
  lost: 'Lost: the customer churned or the opportunity is gone',
  no_action: 'No action needed',
  duplicate: 'Duplicate of another CTA',
};

export default function CtaPage() {
  const { id = '' } = useParams();
  const ctaId = Number(id);
  const state = useApi((signal) => api.cta(ctaId, signal), [ctaId]);
  const user = useUser();
  useLiveEvent('cta_updated', (e) => e.cta_id === ctaId && state.reload());

  if (state.error && !state.data) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/cockpit">← Cockpit</Link>
        </p>
        {isNotFound(state.error) ? <h1>No CTA {id}</h1> : <ErrorMessage error={state.error} retry={state.reload} />}
      </div>
    );
  }
  if (!state.data) return <Loading what="Loading the CTA" />;
  return <CtaView c={state.data} canWork={can.workCtas(user.role)} set={(c) => state.setData(c)} reload={state.reload} />;
}

function CtaView({ c, canWork, set, reload }: { c: CtaDetail; canWork: boolean; set: (c: CtaDetail) => void; reload: () => void }) {
  const toast = useToast();
  const [action, setAction] = useState<Action>(null);
  const closed = c.status === 'closed';
  const doneCount = c.tasks.filter((t) => t.status === 'done').length;

  const run = async (what: string, call: () => Promise<CtaDetail | unknown>, success: string) => {
    try {
      const r = await call();
      if (r && typeof r === 'object' && 'cta_id' in r) set(r as CtaDetail);
      else reload();
      toast({ kind: 'success', text: success });
      return true;
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, what) });
      return false;
    }
  };

  return (
    <div className="page" data-testid={T.ctaDetail}>
      <p className="breadcrumb">
        <Link to="/cockpit">← Cockpit</Link> · <Link to={`/accounts/${encodeURIComponent(c.account_id)}?tab=ctas`}>Account {c.account_id}</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>
            <PriorityTag priority={c.priority} /> {c.title}
          </h1>
          <p className="muted">
            {humanize(c.type)} · owner <strong>{c.owner || 'nobody'}</strong> · {c.due_date ? `due ${formatDay(c.due_date)}` : 'no due date'}
            {c.rule && ` · raised by rule ${c.rule}`}
            {c.playbook && ` · playbook ${humanize(c.playbook)}`}
          </p>
          {c.renewal_id && <RenewalOfCta accountId={c.account_id} subscriptionId={c.renewal_id} />}
        </div>
        <div className="cta-status" data-testid={T.ctaStatus} data-status={c.status}>
          <StatusTag status={c.status} snoozedUntil={c.snoozed_until} />
          {c.snoozed_until && !closed && <span className="muted small"> until {formatDay(c.snoozed_until)}</span>}
          {closed && <span className="muted small"> {humanize(c.close_reason)} · {formatDateTime(c.closed_at)}</span>}
        </div>
      </header>

      {canWork && !closed && (
        <div className="actions" role="toolbar" aria-label="Work on this CTA">
          {c.status === 'open' && (
            <button type="button" onClick={() => void run('start this CTA', () => api.startCta(c.cta_id), 'Started.')}>
              Start
            </button>
          )}
          <button type="button" className="primary" onClick={() => setAction('close')} data-testid={T.ctaClose}>
            Close…
          </button>
          <button type="button" onClick={() => setAction('snooze')} data-testid={T.ctaSnooze}>
            Snooze…
          </button>
          <button type="button" onClick={() => setAction('assign')} data-testid={T.ctaAssign}>
            Reassign…
          </button>
        </div>
      )}

      <div className="grid grid-2-1">
        <div>
          {c.description && (
            <section className="card">
              <p>{c.description}</p>
            </section>
          )}
          <section className="card" aria-labelledby="tasks-title">
            <header className="card-header">
              <h2 id="tasks-title">Tasks</h2>
              <span className="muted small">
                {doneCount} of {c.tasks.length} done
              </span>
            </header>
            <TaskList
              tasks={c.tasks}
              canWork={canWork && !closed}
              onDone={(t) => {
                set({ ...c, tasks: c.tasks.map((x) => (x.task_id === t.task_id ? t : x)) });
                toast({ kind: 'success', text: `Task “${t.title}” done.` });
              }}
            />
          </section>
          <section className="card" aria-labelledby="comments-title">
            <h2 id="comments-title">Comments</h2>
            {c.comments.length === 0 ? (
              <p className="muted">No comments yet.</p>
            ) : (
              <ul className="comments">
                {c.comments.map((m) => (
                  <li key={m.event_id}>
                    <div className="muted small">
                      {m.actor} · {formatDateTime(m.at)}
                    </div>
                    <p>{m.detail}</p>
                  </li>
                ))}
              </ul>
            )}
            {canWork && <CommentForm onSend={(text) => run('comment on this CTA', () => api.commentCta(c.cta_id, text), 'Comment added.')} />}
          </section>
        </div>
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">History</h2>
          <ol className="history">
            {[...c.history].reverse().map((h) => (
              <li key={h.event_id}>
                <strong>{humanize(h.kind)}</strong> <span className="muted small">by {h.actor} · {formatDateTime(h.at)}</span>
                {h.detail && <div className="small">{h.detail}</div>}
              </li>
            ))}
          </ol>
        </section>
      </div>

      <CloseDialog
        open={action === 'close'}
        onClose={() => setAction(null)}
        openTasks={c.tasks.length - doneCount}
        onSubmit={async (reason, comment) => {
          if (await run('close this CTA', () => api.closeCta(c.cta_id, reason, comment), 'CTA closed.')) setAction(null);
        }}
      />
      <SnoozeDialog
        open={action === 'snooze'}
        onClose={() => setAction(null)}
        onSubmit={async (until) => {
          if (await run('snooze this CTA', () => api.snoozeCta(c.cta_id, until), `Snoozed until ${formatDay(until)}.`)) setAction(null);
        }}
      />
      <AssignDialog
        open={action === 'assign'}
        current={c.owner}
        onClose={() => setAction(null)}
        onSubmit={async (owner) => {
          if (await run('reassign this CTA', () => api.assignCta(c.cta_id, owner), `Assigned to ${owner}.`)) setAction(null);
        }}
      />
    </div>
  );
}

function CommentForm({ onSend }: { onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    if (await onSend(text.trim())) setText('');
    setBusy(false);
  };
  return (
    <form onSubmit={submit} className="comment-form">
      <label className="sr-only" htmlFor="comment">
        Comment
      </label>
      <textarea id="comment" rows={2} placeholder="Add a comment" value={text} onChange={(e) => setText(e.target.value)} data-testid={T.commentText} />
      <button type="submit" disabled={busy || !text.trim()} data-testid={T.commentSubmit}>
        Comment
      </button>
    </form>
  );
}

function CloseDialog({
  open,
  onClose,
  onSubmit,
  openTasks,
}: {
  open: boolean;
  onClose: () => void;
  onSubmit: (reason: string, comment: string) => Promise<void>;
  openTasks: number;
}) {
  const [reason, setReason] = useState('success');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} title="Close the CTA" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          await onSubmit(reason, comment.trim());
          setBusy(false);
        }}
      >
        {openTasks > 0 && (
          <p className="notice">
            {openTasks} task{openTasks === 1 ? ' is' : 's are'} still open.
          </p>
        )}
        <fieldset className="radio-list" data-testid={T.closeReason}>
          <legend>Reason</legend>
          {CLOSE_REASONS.map((r) => (
            <label key={r} className="check">
              <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
              {REASON_TEXT[r] ?? humanize(r)}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Comment (optional)</span>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid={T.closeComment} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid={T.closeSubmit}>
            {busy ? 'Closing…' : 'Close CTA'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function SnoozeDialog({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (until: string) => Promise<void> }) {
  const [until, setUntil] = useState(addDays(today(), 7));
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} title="Snooze the CTA" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          await onSubmit(until);
          setBusy(false);
        }}
      >
        <p className="muted">The CTA leaves the open lists until this day.</p>
        <div className="chips">
          {[3, 7, 14, 30].map((n) => (
            <button key={n} type="button" className="chip" onClick={() => setUntil(addDays(today(), n))}>
              {n} days
            </button>
          ))}
        </div>
        <label className="field">
          <span>Until</span>
          <input type="date" required value={until} min={addDays(today(), 1)} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !until}>
            Snooze
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function AssignDialog({
  open,
  current,
  onClose,
  onSubmit,
}: {
  open: boolean;
  current: string;
  onClose: () => void;
  onSubmit: (owner: string) => Promise<void>;
}) {
  const [owner, setOwner] = useState('');
  const [busy, setBusy] = useState(false);
  // Names to pick from: the CSMs of the portfolio.
  const people = useApi((signal) => (open ? api.dashboard(signal) : Promise.resolve(null)), [open]);
  const names = (people.data?.by_csm ?? []).map((x) => x.csm).filter((n) => n && n !== current);
  return (
    <Dialog open={open} title="Reassign the CTA" onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          await onSubmit(owner.trim());
          setBusy(false);
        }}
      >
        <p className="muted">Now owned by {current || 'nobody'}.</p>
        <label className="field">
          <span>New owner (name or email)</span>
          <input required list="owners" value={owner} onChange={(e) => setOwner(e.target.value)} autoFocus />
          <datalist id="owners">
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !owner.trim()}>
            Reassign
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// The renewal a CTA is about, as the account's revenue has it now.
function RenewalOfCta({ accountId, subscriptionId }: { accountId: string; subscriptionId: string }) {
  const rev = useApi((signal) => accountRevenue(accountId, signal), [accountId]);
  const r = rev.data?.renewals.find((x) => x.subscription_id === subscriptionId);
  return (
    <p className="muted" data-testid={T.ctaRenewal} data-subscription={subscriptionId}>
      About the renewal of{' '}
      {r ? (
        <>
          <strong>{r.product}</strong> on <strong>{formatDay(r.renewal_date)}</strong>: {humanize(r.stage)}, forecast {humanize(r.forecast)},{' '}
          {formatMoney(r.arr_at_stake)} at stake
        </>
      ) : (
        <>subscription {subscriptionId}</>
      )}{' '}
      · <Link to={`/accounts/${encodeURIComponent(accountId)}`}>the account's revenue</Link>
    </p>
  );
}

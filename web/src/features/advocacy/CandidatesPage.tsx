// The candidates queue: contacts ranked by how likely they are to advocate (score 0..100),
// with the signals behind each rank. Admin, ops and CSMs invite a candidate into a tier,
// snooze them for some days or dismiss them with a reason. Search and page live in the URL.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { ADVOCACY_TIERS, type AdvocacyCandidate } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ColorDot } from '../../components/Health';
import { Async, Empty } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatInt, formatScore, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { tierLabel } from './advocacy';
import { Reasons } from './components/AdvocacyBits';

const PAGE = 50;
type Action = { kind: 'invite' | 'snooze' | 'dismiss'; c: AdvocacyCandidate } | null;

export default function CandidatesPage() {
  const user = useUser();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);
  const state = useApi((signal) => api.advocacyCandidates({ limit: PAGE, offset: page * PAGE, q }, signal), [q, page]);
  const [action, setAction] = useState<Action>(null);
  const canWork = can.workAdvocates(user.role);

  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    if (k !== 'page') p.delete('page');
    setParams(p);
  };

  // A triaged candidate leaves the queue at once (the server no longer lists them).
  const drop = (c: AdvocacyCandidate) =>
    state.setData((old) => old && { candidates: old.candidates.filter((x) => x.contact_id !== c.contact_id), total: Math.max(0, old.total - 1) });

  const run = async (what: string, call: () => Promise<unknown>, c: AdvocacyCandidate, text: string, link?: boolean) => {
    try {
      await call();
      drop(c);
      toast({ kind: 'success', text, link: link ? { to: `/advocacy/advocates/${encodeURIComponent(c.contact_id)}`, label: 'Open profile' } : undefined });
      return true;
    } catch (e) {
      toast({ kind: 'error', text: describeError(e, what) });
      return false;
    }
  };

  return (
    <div className="page" data-testid={T.candidates}>
      <header className="page-header">
        <div>
          <h1>Advocate candidates</h1>
          <p className="muted">
            Contacts ranked by how likely they are to advocate, and why
            {state.data && ` · ${formatInt(state.data.total)} in the queue`}
          </p>
        </div>
        {!canWork && <p className="muted small">You can read the queue; your role cannot invite or triage.</p>}
      </header>
      <div className="filters" role="search" aria-label="Search candidates">
        <label className="inline-field">
          Search
          <input
            type="search"
            defaultValue={q}
            key={q}
            placeholder="name, title or account"
            data-testid={T.candidatesSearch}
            onKeyDown={(e) => e.key === 'Enter' && set('q', (e.target as HTMLInputElement).value.trim() || null)}
            onBlur={(e) => set('q', e.target.value.trim() || null)}
          />
        </label>
      </div>
      <Async state={state} what="the candidates">
        {(d) =>
          d.candidates.length === 0 ? (
            <Empty title={q ? 'No candidate matches' : 'The queue is empty'}>
              {q ? 'Try another search.' : 'Contacts show up here as their accounts and answers make them likely advocates.'}
            </Empty>
          ) : (
            <>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">Contact</th>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      Score
                    </th>
                    <th scope="col">Why</th>
                    {canWork && <th scope="col">Actions</th>}
                  </tr>
                </thead>
                <tbody>
                  {d.candidates.map((c, i) => (
                    <tr key={c.contact_id} data-testid={T.candidateRow} data-contact-id={c.contact_id} data-account-id={c.account_id}>
                      <td className="num muted">{page * PAGE + i + 1}</td>
                      <td>
                        <Link to={`/advocacy/advocates/${encodeURIComponent(c.contact_id)}`}>
                          <strong>{c.name}</strong>
                        </Link>{' '}
                        {c.status === 'new' && <span className="tag status-open">new</span>}
                        <div className="small">{c.title || '—'}</div>
                        <div className="muted small">
                          {[humanize(c.seniority), humanize(c.role)].filter(Boolean).join(' · ')}
                        </div>
                      </td>
                      <td>
                        <ColorDot color={c.account_color} /> <Link to={`/accounts/${encodeURIComponent(c.account_id)}`}>{c.account_name || c.account_id}</Link>
                        {c.account_score !== null && <div className="muted small">health {formatScore(c.account_score)}</div>}
                      </td>
                      <td className="num">
                        <span className="score-pill">{formatScore(c.score)}</span>
                      </td>
                      <td>
                        <Reasons reasons={c.reasons} testId={T.candidateReason} />
                      </td>
                      {canWork && (
                        <td>
                          <div className="row-actions">
                            <button type="button" className="primary small" data-testid={T.candidateInvite} onClick={() => setAction({ kind: 'invite', c })}>
                              Invite…
                            </button>
                            <button type="button" className="small" data-testid={T.candidateSnooze} onClick={() => setAction({ kind: 'snooze', c })}>
                              Snooze…
                            </button>
                            <button type="button" className="small danger" data-testid={T.candidateDismiss} onClick={() => setAction({ kind: 'dismiss', c })}>
                              Dismiss…
                            </button>
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav className="pager" aria-label="Pages">
                <button type="button" disabled={page === 0} onClick={() => set('page', page > 1 ? String(page - 1) : null)}>
                  ← Previous
                </button>
                <span className="muted small">
                  {formatInt(page * PAGE + 1)}–{formatInt(page * PAGE + d.candidates.length)} of {formatInt(d.total)}
                </span>
                <button type="button" disabled={(page + 1) * PAGE >= d.total} onClick={() => set('page', String(page + 1))}>
                  Next →
                </button>
              </nav>
            </>
          )
        }
      </Async>
      <InviteDialog
        c={action?.kind === 'invite' ? action.c : null}
        onClose={() => setAction(null)}
        onSubmit={(c, tier, note) => run('invite this contact', () => api.inviteCandidate(c.contact_id, tier, note), c, `${c.name} invited to the ${tierLabel(tier).toLowerCase()} tier.`, true)}
      />
      <SnoozeDialog
        c={action?.kind === 'snooze' ? action.c : null}
        onClose={() => setAction(null)}
        onSubmit={(c, days, reason) => run('snooze this candidate', () => api.snoozeCandidate(c.contact_id, days, reason), c, `${c.name} snoozed for ${days} days.`)}
      />
      <DismissDialog
        c={action?.kind === 'dismiss' ? action.c : null}
        onClose={() => setAction(null)}
        onSubmit={(c, reason) => run('dismiss this candidate', () => api.dismissCandidate(c.contact_id, reason), c, `${c.name} dismissed from the queue.`)}
      />
    </div>
  );
}

// The tiers with what each asks and gives, for the invitation.
const TIER_HINTS: Record<string, string> = {
  reference_network: '1 to 2 reference calls a quarter; early access and roadmap access in return',
  case_study: '2 to 3 hours of interviews and review; a published, bylined story in return',
  event_speaking: 'preparation and a talk; visibility, honorarium or travel in return',
  advisory_board: 'a quarterly half-day; influence over the roadmap in return',
};

function useBusy(): [boolean, <R>(f: () => Promise<R>) => Promise<R>] {
  const [busy, setBusy] = useState(false);
  const wrap = async <R,>(f: () => Promise<R>) => {
    setBusy(true);
    try {
      return await f();
    } finally {
      setBusy(false);
    }
  };
  return [busy, wrap];
}

function InviteDialog({
  c,
  onClose,
  onSubmit,
}: {
  c: AdvocacyCandidate | null;
  onClose: () => void;
  onSubmit: (c: AdvocacyCandidate, tier: string, note: string) => Promise<boolean>;
}) {
  const [tier, setTier] = useState<string>('reference_network');
  const [note, setNote] = useState('');
  const [busy, wrap] = useBusy();
  useEffect(() => {
    setTier('reference_network');
    setNote('');
  }, [c]);
  return (
    <Dialog open={c !== null} title={c ? `Invite ${c.name}` : 'Invite'} onClose={onClose}>
      {c && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await wrap(() => onSubmit(c, tier, note.trim()))) onClose();
          }}
        >
          <p className="muted">
            {c.title} at {c.account_name}. They become an invited advocate; activate them once they consent.
          </p>
          <label className="field">
            <span>Tier</span>
            <select value={tier} onChange={(e) => setTier(e.target.value)} data-testid={T.inviteTier}>
              {ADVOCACY_TIERS.map((t) => (
                <option key={t} value={t}>
                  {tierLabel(t)}
                </option>
              ))}
            </select>
          </label>
          {TIER_HINTS[tier] && <p className="small muted">{TIER_HINTS[tier]}</p>}
          <label className="field">
            <span>Note (optional)</span>
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid={T.inviteNote} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy} data-testid={T.inviteSubmit}>
              {busy ? 'Inviting…' : 'Invite'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function SnoozeDialog({
  c,
  onClose,
  onSubmit,
}: {
  c: AdvocacyCandidate | null;
  onClose: () => void;
  onSubmit: (c: AdvocacyCandidate, days: number, reason: string) => Promise<boolean>;
}) {
  const [days, setDays] = useState('30');
  const [reason, setReason] = useState('');
  const [busy, wrap] = useBusy();
  useEffect(() => {
    setDays('30');
    setReason('');
  }, [c]);
  const n = Number(days);
  const valid = Number.isInteger(n) && n > 0 && reason.trim() !== '';
  return (
    <Dialog open={c !== null} title={c ? `Snooze ${c.name}` : 'Snooze'} onClose={onClose}>
      {c && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (valid && (await wrap(() => onSubmit(c, n, reason.trim())))) onClose();
          }}
        >
          <p className="muted">They leave the queue for these days, then come back.</p>
          <div className="chips">
            {[14, 30, 60, 90].map((x) => (
              <button key={x} type="button" className="chip" aria-pressed={days === String(x)} onClick={() => setDays(String(x))}>
                {x} days
              </button>
            ))}
          </div>
          <label className="field">
            <span>Days</span>
            <input type="number" min={1} required value={days} onChange={(e) => setDays(e.target.value)} data-testid={T.snoozeDays} />
          </label>
          <label className="field">
            <span>Reason</span>
            <input required value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. mid-renewal, ask after it closes" data-testid={T.snoozeReason} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || !valid} data-testid={T.snoozeSubmit}>
              Snooze
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function DismissDialog({
  c,
  onClose,
  onSubmit,
}: {
  c: AdvocacyCandidate | null;
  onClose: () => void;
  onSubmit: (c: AdvocacyCandidate, reason: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState('');
  const [busy, wrap] = useBusy();
  useEffect(() => setReason(''), [c]);
  return (
    <Dialog open={c !== null} title={c ? `Dismiss ${c.name}` : 'Dismiss'} onClose={onClose}>
      {c && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (reason.trim() && (await wrap(() => onSubmit(c, reason.trim())))) onClose();
          }}
        >
          <p className="muted">They leave the queue for good. Say why, so the next person knows.</p>
          <label className="field">
            <span>Reason</span>
            <textarea rows={2} required value={reason} onChange={(e) => setReason(e.target.value)} data-testid={T.dismissReason} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || !reason.trim()} data-testid={T.dismissSubmit}>
              Dismiss
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

// An advocate's profile (any contact: one outside the program shows status "none" and can be
// invited): details and lifecycle (activate with consent and preferred activities, pause,
// resume, retire, change tier), propensity with its reasons, the give/receive balance with
// the extraction warning, the ledger with a form to record a give-back, asks (accept,
// decline, complete; ask for something new), milestones and the timeline.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import {
  ADVOCACY_ACTIVITIES,
  ADVOCACY_TIERS,
  type AdvocacyAsk,
  type AdvocateChange,
  type AdvocateProfile,
  type AdvocateStatus,
  type LedgerDirection,
} from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { ColorDot } from '../../components/Health';
import { Empty, ErrorMessage, Loading } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError, isNotFound } from '../../lib/errors';
import { formatDateTime, formatScore, humanize } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import {
  activityLabel,
  advocateMoves,
  askActions,
  canBeAsked,
  defaultUnits,
  formatUnits,
  LEDGER_KINDS,
  ledgerKindLabel,
  moveLabel,
  TIER_ACTIVITY,
  tierLabel,
} from './advocacy';
import { AdvocateStatusTag, ExtractionBadge, Load, Reasons, TextDialog, TierTag } from './components/AdvocacyBits';

export default function AdvocatePage() {
  const { contactId = '' } = useParams();
  const state = useApi((signal) => api.advocateProfile(contactId, signal), [contactId]);
  const user = useUser();
  if (state.error && !state.data) {
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/advocacy/advocates">← Advocates</Link>
        </p>
        {isNotFound(state.error) ? <h1>No contact {contactId}</h1> : <ErrorMessage error={state.error} retry={state.reload} />}
      </div>
    );
  }
  if (!state.data) return <Loading what="Loading the advocate" />;
  return <ProfileView p={state.data} canWork={can.workAdvocates(user.role)} reload={state.reload} />;
}

// Runs a change, tells the user how it went, and reloads the profile (balance, asks and
// ledger are worked out by the server).
function useRun(reload: () => void) {
  const toast = useToast();
  return async (what: string, call: () => Promise<unknown>, success: string) => {
    try {
      await call();
      toast({ kind: 'success', text: success });
      reload();
      return true;
    } catch (e) {
      toast({ kind: 'error', text: describeError(e, what) });
      return false;
    }
  };
}

function ProfileView({ p, canWork, reload }: { p: AdvocateProfile; canWork: boolean; reload: () => void }) {
  const run = useRun(reload);
  const inProgram = p.status !== 'none';
  return (
    <div className="page" data-testid={T.advocateProfile} data-contact-id={p.contact_id}>
      <p className="breadcrumb">
        <Link to="/advocacy/advocates">← Advocates</Link> ·{' '}
        <Link to={`/accounts/${encodeURIComponent(p.account_id)}?tab=contacts`} data-testid={T.advocateAccountLink}>
          {p.account_name || p.account_id} (Customer 360)
        </Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{p.name}</h1>
          <p className="muted">
            {p.title || 'no title'} at <ColorDot color={p.account_color} /> <Link to={`/accounts/${encodeURIComponent(p.account_id)}`}>{p.account_name || p.account_id}</Link> · {p.contact_id}
          </p>
        </div>
        <div className="advocate-head" data-testid={T.advocateStatus} data-status={p.status} data-tier={p.tier ?? ''}>
          <AdvocateStatusTag status={p.status} /> {inProgram && <TierTag tier={p.tier} />} <ExtractionBadge on={p.balance.warning} title={p.balance.text} />
        </div>
      </header>

      <div className="grid grid-2-1">
        <div>
          <Balance p={p} />
          <Asks p={p} canWork={canWork} run={run} />
          <Ledger p={p} canWork={canWork && inProgram} run={run} />
          <Timeline p={p} />
        </div>
        <div>
          <Lifecycle p={p} canWork={canWork} run={run} />
          <Propensity p={p} />
          <Milestones p={p} />
        </div>
      </div>
    </div>
  );
}

type Run = (what: string, call: () => Promise<unknown>, success: string) => Promise<boolean>;

// ---- balance and ledger ----

function Balance({ p }: { p: AdvocateProfile }) {
  const b = p.balance;
  return (
    <section className={`card ${b.warning ? 'card-warning' : ''}`} aria-labelledby="balance-title" data-testid={T.advocateBalance} data-warning={b.warning}>
      <header className="card-header">
        <h2 id="balance-title">Give and receive</h2>
        <span className="muted small">last {b.window_days} days</span>
      </header>
      <div className="balance">
        <div>
          <span className="kpi-label">Asked of them</span>
          <span className="kpi-value">{formatUnits(b.gave)}</span>
        </div>
        <div>
          <span className="kpi-label">Given back to them</span>
          <span className="kpi-value">{formatUnits(b.received)}</span>
        </div>
      </div>
      {b.warning ? (
        <div className="extraction-warning" role="alert" data-testid={T.extractionWarning}>
          <strong>⚠ Extraction warning.</strong> {sentence(b.text || 'The program asked for more than it gave back')} Give something back (early access, a roadmap session, recognition…) before asking again.
        </div>
      ) : (
        <p className="muted small">{b.text || 'The program gives back at least as much as it asks.'}</p>
      )}
    </section>
  );
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function Ledger({ p, canWork, run }: { p: AdvocateProfile; canWork: boolean; run: Run }) {
  return (
    <section className="card" aria-labelledby="ledger-title" data-testid={T.ledger}>
      <header className="card-header">
        <h2 id="ledger-title">Ledger</h2>
        <span className="muted small">what they gave and what they got back</span>
      </header>
      {canWork && <LedgerForm contactId={p.contact_id} run={run} />}
      {p.ledger.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Direction</th>
              <th scope="col">What</th>
              <th scope="col" className="num">
                Units
              </th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {p.ledger.map((e, i) => (
              <tr key={`${e.source}-${e.entry_id ?? 'x'}-${i}`} data-testid={T.ledgerEntry} data-direction={e.direction} data-kind={e.kind}>
                <td className="nowrap">{formatDateTime(e.ts)}</td>
                <td>{e.direction === 'gave' ? <span className="tag dir-gave">they gave</span> : <span className="tag dir-received">they received</span>}</td>
                <td>
                  {ledgerKindLabel(e.kind)}
                  {e.source !== 'ledger' && <span className="muted small"> ({e.source === 'ask' ? 'a completed ask' : e.source})</span>}
                </td>
                <td className="num">{formatUnits(e.units)}</td>
                <td className="small">{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function LedgerForm({ contactId, run }: { contactId: string; run: Run }) {
  const [open, setOpen] = useState(false);
  const [direction, setDirection] = useState<LedgerDirection>('received');
  const [kind, setKind] = useState(LEDGER_KINDS.received[0].kind);
  const [units, setUnits] = useState('');
  const [note, setNote] = useState('');
  const [day, setDay] = useState('');
  const [busy, setBusy] = useState(false);
  const reset = () => {
    setDirection('received');
    setKind(LEDGER_KINDS.received[0].kind);
    setUnits('');
    setNote('');
    setDay('');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const u = units.trim() === '' ? undefined : Number(units);
    const ok = await run(
      'record this in the ledger',
      () => api.recordLedger(contactId, { direction, kind, ...(u !== undefined ? { units: u } : {}), ...(note.trim() ? { note: note.trim() } : {}), ...(day ? { day } : {}) }),
      direction === 'received' ? `Give-back recorded: ${ledgerKindLabel(kind).toLowerCase()}.` : `Recorded: ${ledgerKindLabel(kind).toLowerCase()}.`,
    );
    setBusy(false);
    if (ok) {
      reset();
      setOpen(false);
    }
  };
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="primary" onClick={() => setOpen(true)} data-testid={T.ledgerOpen}>
          Record a give-back…
        </button>
      </div>
    );
  }
  const def = defaultUnits(direction, kind);
  return (
    <form className="card form-card" onSubmit={submit} aria-label="Record in the ledger">
      <div className="form-row">
        <label className="field">
          <span>Direction</span>
          <select
            value={direction}
            data-testid={T.ledgerDirection}
            onChange={(e) => {
              const d = e.target.value as LedgerDirection;
              setDirection(d);
              setKind(LEDGER_KINDS[d][0].kind);
            }}
          >
            <option value="received">They received (a give-back)</option>
            <option value="gave">They gave (an activity)</option>
          </select>
        </label>
        <label className="field">
          <span>What</span>
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid={T.ledgerKind}>
            {LEDGER_KINDS[direction].map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Units</span>
          <input type="number" min={0} step="0.5" size={6} value={units} placeholder={def === null ? '' : String(def)} onChange={(e) => setUnits(e.target.value)} data-testid={T.ledgerUnits} />
        </label>
        <label className="field">
          <span>Day (optional)</span>
          <input type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>Note (optional)</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} data-testid={T.ledgerNote} />
      </label>
      <p className="muted small">Units default to the kind's weight ({def ?? '—'}).</p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy} data-testid={T.ledgerSubmit}>
          {busy ? 'Recording…' : 'Record'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- asks ----

function Asks({ p, canWork, run }: { p: AdvocateProfile; canWork: boolean; run: Run }) {
  const [dialog, setDialog] = useState<{ kind: 'decline' | 'complete'; ask: AdvocacyAsk } | null>(null);
  return (
    <section className="card" aria-labelledby="asks-title" data-testid={T.asks}>
      <header className="card-header">
        <h2 id="asks-title">Asks</h2>
        <span className="muted small">
          this quarter <Load asks={p.asks_this_quarter} cap={p.quarterly_cap} />
        </span>
      </header>
      {canWork && p.status !== 'none' && <NewAskForm p={p} run={run} />}
      {p.asks.length === 0 ? (
        <p className="muted">Never asked.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">For</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
              {canWork && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {p.asks.map((a) => (
              <tr key={a.ask_id} data-testid={T.askRow} data-ask-id={a.ask_id} data-status={a.status}>
                <td className="nowrap">{formatDateTime(a.asked_at)}</td>
                <td>
                  {activityLabel(a.activity)}
                  {a.request_id !== null && (
                    <div className="small">
                      <Link to={`/advocacy/requests/${a.request_id}`}>request #{a.request_id}</Link>
                    </div>
                  )}
                  {a.note && <div className="muted small">{a.note}</div>}
                </td>
                <td>
                  <span className={`tag ask-${a.status}`}>{humanize(a.status)}</span>
                  {a.answered_at && <div className="muted small">answered {formatDateTime(a.answered_at)}</div>}
                </td>
                <td className="small">
                  {a.outcome ?? a.reason ?? ''}
                  {a.completed_at && <div className="muted">{formatDateTime(a.completed_at)}</div>}
                </td>
                {canWork && (
                  <td>
                    <div className="row-actions">
                      {askActions(a.status).map((act) =>
                        act === 'accept' ? (
                          <button key={act} type="button" className="small" data-testid={T.askAccept} onClick={() => void run('record the answer', () => api.acceptAsk(a.ask_id), 'Accepted.')}>
                            Accepted
                          </button>
                        ) : act === 'decline' ? (
                          <button key={act} type="button" className="small" data-testid={T.askDecline} onClick={() => setDialog({ kind: 'decline', ask: a })}>
                            Declined…
                          </button>
                        ) : (
                          <button key={act} type="button" className="small primary" data-testid={T.askComplete} onClick={() => setDialog({ kind: 'complete', ask: a })}>
                            Complete…
                          </button>
                        ),
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TextDialog
        open={dialog?.kind === 'decline'}
        title="The advocate declined"
        label="Reason"
        intro="A decline counts in the balance too: the program asked."
        submitLabel="Record decline"
        onClose={() => setDialog(null)}
        onSubmit={(reason) => (dialog ? run('record the decline', () => api.declineAsk(dialog.ask.ask_id, reason), 'Decline recorded.') : Promise.resolve(false))}
      />
      <TextDialog
        open={dialog?.kind === 'complete'}
        title="Complete the ask"
        label="Outcome"
        intro="Completing logs the activity on the account's timeline and in the ledger."
        submitLabel="Complete"
        onClose={() => setDialog(null)}
        onSubmit={(outcome) => (dialog ? run('complete the ask', () => api.completeAsk(dialog.ask.ask_id, outcome), 'Ask completed.') : Promise.resolve(false))}
      />
    </section>
  );
}

function NewAskForm({ p, run }: { p: AdvocateProfile; run: Run }) {
  const initial = (p.tier && TIER_ACTIVITY[p.tier]) || 'case_study';
  const [activity, setActivity] = useState(initial);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setActivity(initial), [initial]);
  if (!canBeAsked(p)) {
    return <p className="muted small">{p.status === 'active' ? 'They have not consented, so the program does not ask them.' : `Only active advocates are asked (this one is ${p.status}).`}</p>;
  }
  return (
    <form
      className="inline-form"
      aria-label="Ask for something"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        if (await run('ask this advocate', () => api.askAdvocate(p.contact_id, activity, note.trim() || undefined), `Asked ${p.name} for a ${activityLabel(activity).toLowerCase()}.`)) setNote('');
        setBusy(false);
      }}
    >
      <label className="inline-field">
        Ask for
        <select value={activity} onChange={(e) => setActivity(e.target.value)} data-testid={T.newAskActivity}>
          {ADVOCACY_ACTIVITIES.map((a) => (
            <option key={a} value={a}>
              {activityLabel(a)}
            </option>
          ))}
        </select>
      </label>
      <label className="sr-only" htmlFor="ask-note">
        Note
      </label>
      <input id="ask-note" placeholder="note (optional)" value={note} onChange={(e) => setNote(e.target.value)} data-testid={T.newAskNote} />
      <button type="submit" disabled={busy} data-testid={T.newAskSubmit}>
        Ask
      </button>
    </form>
  );
}

// ---- lifecycle and details ----

function Lifecycle({ p, canWork, run }: { p: AdvocateProfile; canWork: boolean; run: Run }) {
  const [move, setMove] = useState<AdvocateStatus | null>(null);
  const [tier, setTier] = useState(p.tier ?? 'reference_network');
  useEffect(() => setTier(p.tier ?? 'reference_network'), [p.tier]);
  const moves = advocateMoves(p.status);
  return (
    <section className="card" aria-labelledby="lifecycle-title" data-testid={T.advocateLifecycle}>
      <h2 id="lifecycle-title">In the program</h2>
      <dl className="pairs">
        <dt>Status</dt>
        <dd>
          <AdvocateStatusTag status={p.status} />
        </dd>
        <dt>Tier</dt>
        <dd>{p.status === 'none' ? '—' : tierLabel(p.tier)}</dd>
        <dt>Since</dt>
        <dd>{formatDateTime(p.since)}</dd>
        <dt>Consent</dt>
        <dd>{p.consent ? `yes, ${formatDateTime(p.consent_at)}` : 'not given'}</dd>
        <dt>Prefers</dt>
        <dd>{p.preferred.length ? p.preferred.map(activityLabel).join(', ') : '—'}</dd>
        <dt>Last asked</dt>
        <dd>{p.last_asked_at ? formatDateTime(p.last_asked_at) : 'never'}</dd>
      </dl>
      {canWork && p.status === 'none' && <InviteForm p={p} run={run} />}
      {canWork && moves.length > 0 && (
        <div className="actions" role="toolbar" aria-label="Lifecycle">
          {moves.map((to) => (
            <button key={to} type="button" className={to === 'active' ? 'primary' : to === 'retired' ? 'danger' : ''} data-testid={T.advocateMove} data-to={to} onClick={() => setMove(to)}>
              {moveLabel(p.status, to)}…
            </button>
          ))}
          {p.consent && p.status !== 'retired' && (
            <button type="button" className="link-button" onClick={() => void run('record the withdrawn consent', () => api.changeAdvocate(p.contact_id, { consent: false }), 'Consent withdrawn: they will not be asked.')}>
              Consent withdrawn
            </button>
          )}
        </div>
      )}
      {canWork && p.status !== 'none' && p.status !== 'retired' && (
        <form
          className="inline-form"
          aria-label="Change tier"
          onSubmit={(e) => {
            e.preventDefault();
            void run('change the tier', () => api.changeAdvocate(p.contact_id, { tier }), `Moved to the ${tierLabel(tier).toLowerCase()} tier.`);
          }}
        >
          <label className="inline-field">
            Tier
            <select value={tier} onChange={(e) => setTier(e.target.value)} data-testid={T.tierChange}>
              {ADVOCACY_TIERS.map((t) => (
                <option key={t} value={t}>
                  {tierLabel(t)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="small" disabled={tier === p.tier} data-testid={T.tierChangeSubmit}>
            Change tier
          </button>
        </form>
      )}
      <MoveDialog p={p} to={move} onClose={() => setMove(null)} run={run} />
    </section>
  );
}

function InviteForm({ p, run }: { p: AdvocateProfile; run: Run }) {
  const [tier, setTier] = useState<string>('reference_network');
  const [note, setNote] = useState('');
  return (
    <form
      aria-label="Invite"
      onSubmit={(e) => {
        e.preventDefault();
        void run('invite this contact', () => api.inviteCandidate(p.contact_id, tier, note.trim() || undefined), `${p.name} invited.`);
      }}
    >
      <p className="muted small">Not in the program yet.</p>
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
      <label className="field">
        <span>Note (optional)</span>
        <input value={note} onChange={(e) => setNote(e.target.value)} data-testid={T.inviteNote} />
      </label>
      <button type="submit" className="primary" data-testid={T.inviteSubmit}>
        Invite
      </button>
    </form>
  );
}

function MoveDialog({ p, to, onClose, run }: { p: AdvocateProfile; to: AdvocateStatus | null; onClose: () => void; run: Run }) {
  const [consent, setConsent] = useState(p.consent);
  const [preferred, setPreferred] = useState<string[]>(p.preferred);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setConsent(p.consent);
    setPreferred(p.preferred.length ? p.preferred : p.tier && TIER_ACTIVITY[p.tier] ? [TIER_ACTIVITY[p.tier]] : []);
    setNote('');
  }, [to, p]);
  const activating = to === 'active';
  const label = to ? moveLabel(p.status, to) : '';
  return (
    <Dialog open={to !== null} title={`${label} ${p.name}`} onClose={onClose}>
      {to && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const change: AdvocateChange = { status: to };
            if (activating) {
              change.consent = consent;
              change.preferred = preferred;
            }
            if (note.trim()) change.note = note.trim();
            setBusy(true);
            const ok = await run(`${label.toLowerCase()} this advocate`, () => api.changeAdvocate(p.contact_id, change), `${p.name}: ${humanize(to).toLowerCase()}.`);
            setBusy(false);
            if (ok) onClose();
          }}
        >
          {activating && (
            <>
              <label className="check">
                <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid={T.activateConsent} /> They consent to be asked (recorded with today's time)
              </label>
              <fieldset className="radio-list" data-testid={T.activatePreferred}>
                <legend>Preferred activities</legend>
                {ADVOCACY_ACTIVITIES.map((a) => (
                  <label key={a} className="check">
                    <input
                      type="checkbox"
                      value={a}
                      checked={preferred.includes(a)}
                      onChange={(e) => setPreferred((old) => (e.target.checked ? [...old, a] : old.filter((x) => x !== a)))}
                    />
                    {activityLabel(a)}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          {to === 'retired' && <p className="notice">Retiring is final: they leave the program for good.</p>}
          {to === 'paused' && <p className="muted">Paused advocates are not asked until they resume.</p>}
          <label className="field">
            <span>Note (optional)</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} data-testid={T.moveNote} />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy || (activating && !consent)} data-testid={T.moveSubmit}>
              {label}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
          {activating && !consent && <p className="muted small">An advocate is activated only with their consent.</p>}
        </form>
      )}
    </Dialog>
  );
}

function Propensity({ p }: { p: AdvocateProfile }) {
  return (
    <section className="card" aria-labelledby="propensity-title" data-testid={T.profilePropensity}>
      <header className="card-header">
        <h2 id="propensity-title">Propensity</h2>
        <span className="score-pill">{formatScore(p.propensity?.score)}</span>
      </header>
      {p.propensity && p.propensity.reasons.length > 0 ? <Reasons reasons={p.propensity.reasons} /> : <p className="muted">No signals.</p>}
    </section>
  );
}

const MILESTONE_TEXT: Record<string, string> = { promotion: 'Promoted', title_change: 'New title', company_move: 'Moved company' };

function Milestones({ p }: { p: AdvocateProfile }) {
  return (
    <section className="card" aria-labelledby="milestones-title" data-testid={T.milestones}>
      <h2 id="milestones-title">Milestones</h2>
      {p.milestones.length === 0 ? (
        <p className="muted">No promotion, title change or company move recorded.</p>
      ) : (
        <ol className="history">
          {p.milestones.map((m, i) => (
            <li key={`${m.ts}-${i}`}>
              <strong>{MILESTONE_TEXT[m.kind] ?? humanize(m.kind)}</strong> <span className="muted small">{formatDateTime(m.ts)}</span>
              <div className="small">
                {m.old || '—'} → {m.new || '—'}
                {m.kind === 'company_move' && m.old_account_id && (
                  <>
                    {' '}
                    (from <Link to={`/accounts/${encodeURIComponent(m.old_account_id)}`}>{m.old_account_id}</Link>)
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Timeline({ p }: { p: AdvocateProfile }) {
  return (
    <section className="card" aria-labelledby="adv-timeline-title" data-testid={T.advocateTimeline}>
      <header className="card-header">
        <h2 id="adv-timeline-title">Timeline</h2>
        <Link to={`/accounts/${encodeURIComponent(p.account_id)}?tab=timeline`}>Account timeline →</Link>
      </header>
      {p.timeline.length === 0 ? (
        <Empty title="Nothing on the timeline for this contact" />
      ) : (
        <ol className="timeline">
          {p.timeline.map((e) => (
            <li key={e.activity_id} className="timeline-entry">
              <div className="timeline-when muted small">
                {formatDateTime(e.ts)} · {humanize(e.type)}
                {e.author && ` · ${e.author}`}
              </div>
              <div>{e.subject}</div>
              {e.notes && <div className="timeline-notes small">{e.notes}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

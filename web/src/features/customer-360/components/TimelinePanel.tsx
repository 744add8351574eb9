// The timeline: activities newest first, filtered by type, with more pages on demand, and a
// form to log an activity (CSMs on their accounts, admins).
import { useState, type FormEvent } from 'react';
import { T } from '../../../../e2e/selectors.mjs';
import * as api from '../../../api/endpoints';
import { ACTIVITY_TYPES, type Contact, type TimelineEntry } from '../../../api/types';
import { MultiSelect } from '../../../components/MultiSelect';
import { Empty, ErrorMessage, Loading } from '../../../components/Status';
import { useToast } from '../../../components/Toasts';
import { describeError } from '../../../lib/errors';
import { formatDateTime, humanize } from '../../../lib/format';
import { useApi } from '../../../lib/useApi';
import { useSearchParams } from 'react-router-dom';

const PAGE = 50;

export function TimelinePanel({
  accountId,
  contacts,
  canWrite,
  onChange,
}: {
  accountId: string;
  contacts: Contact[];
  canWrite: boolean;
  onChange: () => void;
}) {
  const [params, setParams] = useSearchParams();
  const types = (params.get('types') ?? '').split(',').filter(Boolean);
  const setTypes = (v: string[]) => {
    const p = new URLSearchParams(params);
    if (v.length) p.set('types', v.join(','));
    else p.delete('types');
    setParams(p, { replace: true });
  };
  const [adding, setAdding] = useState(false);
  const [extra, setExtra] = useState<TimelineEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const state = useApi(
    async (signal) => {
      const t = await api.timeline(accountId, { limit: PAGE, type: types.join(',') }, signal);
      setExtra([]);
      setNext(t.next_before ?? null);
      return t;
    },
    [accountId, types.join(',')],
  );
  const contactName = (id: string) => contacts.find((c) => c.contact_id === id)?.name ?? id;

  const more = async () => {
    if (!next) return;
    setMoreBusy(true);
    setMoreError(null);
    try {
      const t = await api.timeline(accountId, { limit: PAGE, type: types.join(','), before: next });
      setExtra((e) => e.concat(t.entries));
      setNext(t.next_before ?? null);
    } catch (e) {
      setMoreError(e);
    } finally {
      setMoreBusy(false);
    }
  };

  const entries = (state.data?.entries ?? []).concat(extra);
  return (
    <section data-testid={T.timeline} aria-label="Timeline">
      {adding && (
        <AddActivity
          accountId={accountId}
          contacts={contacts}
          onClose={() => setAdding(false)}
          onAdded={(e) => {
            state.setData((old) => (old ? { ...old, entries: [e, ...old.entries] } : old));
            setAdding(false);
            onChange();
          }}
        />
      )}
      <div className="filters">
        {canWrite && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)} data-testid={T.addActivity}>
            Add activity
          </button>
        )}
        <MultiSelect
          label="Type"
          options={ACTIVITY_TYPES.concat(['color_change']).map((t) => ({ value: t, label: humanize(t) }))}
          selected={types}
          onChange={setTypes}
        />
      </div>
      {state.error && !state.data ? (
        <ErrorMessage error={state.error} retry={state.reload} />
      ) : !state.data ? (
        <Loading what="Loading the timeline" />
      ) : entries.length === 0 ? (
        <Empty title={types.length ? 'No activity of these types' : 'Nothing on the timeline yet'} />
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={e.activity_id} className={`timeline-entry type-${e.type}`} data-testid={T.timelineEntry}>
              <div className="timeline-when">{formatDateTime(e.ts)}</div>
              <div className="timeline-what">
                <span className="tag">{humanize(e.type)}</span> <strong>{e.subject}</strong>
                {e.contact_id && <span className="muted small"> with {contactName(e.contact_id)}</span>}
                {e.notes && <p className="timeline-notes">{e.notes}</p>}
                <div className="muted small">
                  {e.author ? `by ${e.author}` : ''} {e.source && e.source !== 'user' ? `· ${e.source}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      {moreError !== null && <ErrorMessage error={moreError} retry={() => void more()} />}
      {next && state.data && (
        <button type="button" onClick={() => void more()} disabled={moreBusy}>
          {moreBusy ? 'Loading…' : 'Show older'}
        </button>
      )}
    </section>
  );
}

function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function AddActivity({
  accountId,
  contacts,
  onAdded,
  onClose,
}: {
  accountId: string;
  contacts: Contact[];
  onAdded: (e: TimelineEntry) => void;
  onClose: () => void;
}) {
  const toast = useToast();
  const [type, setType] = useState('call');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const [when, setWhen] = useState('');
  const [contact, setContact] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError('');
    try {
      const e = await api.logActivity(accountId, {
        type,
        subject: subject.trim(),
        notes: notes.trim() || undefined,
        ts: when ? new Date(when).toISOString() : undefined,
        contact_id: contact || undefined,
      });
      onAdded(e);
      toast({ kind: 'success', text: `Logged “${e.subject}”.` });
      setSubject('');
      setNotes('');
      setWhen('');
      setContact('');
    } catch (err) {
      setError(describeError(err, 'log activities on this account'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={submit} aria-label="Add activity">
      <div className="form-row">
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value)} data-testid={T.activityType}>
            {ACTIVITY_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Subject</span>
          <input required autoFocus value={subject} onChange={(e) => setSubject(e.target.value)} data-testid={T.activitySubject} />
        </label>
      </div>
      <div className="form-row">
        <label className="field">
          <span>When (your time)</span>
          <input type="datetime-local" value={when} max={localInputValue(new Date())} onChange={(e) => setWhen(e.target.value)} />
        </label>
        <label className="field">
          <span>Contact</span>
          <select value={contact} onChange={(e) => setContact(e.target.value)}>
            <option value="">none</option>
            {contacts.map((c) => (
              <option key={c.contact_id} value={c.contact_id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Notes</span>
        <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid={T.activityNotes} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !subject.trim()} data-testid={T.activitySubmit}>
          {busy ? 'Saving…' : 'Log activity'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

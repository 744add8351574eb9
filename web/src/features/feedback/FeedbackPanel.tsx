// The Customer 360's feedback tab (docs/feedback.md): what the account's people asked for,
// with each request's status; log feedback from a call or meeting; turn a survey comment,
// ticket or logged call into a feedback item in two clicks ("Make feedback", then "Save"),
// with existing requests of similar words suggested (TF-IDF cosine on the server).
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as fb from '../../api/feedback';
import type { Contact } from '../../api/types';
import { Empty, ErrorMessage, Loading } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatDateTime, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { EnumSelect, RequestStatusBadge } from './components/RequestBits';

type Draft = Pick<fb.NewFeedback, 'source' | 'source_ref' | 'text' | 'contact_id'>;

export function FeedbackPanel({ accountId, contacts, canWrite, canSeeSources }: { accountId: string; contacts: Contact[]; canWrite: boolean; canSeeSources: boolean }) {
  const items = useApi((signal) => fb.listFeedback({ account_id: accountId }, signal), [accountId]);
  const sources = useApi(
    (signal) => (canWrite && canSeeSources ? fb.feedbackSources(accountId, signal) : Promise.resolve({ sources: [] })),
    [accountId, canWrite, canSeeSources],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
  const contactName = (id: string | null) => (id ? contacts.find((c) => c.contact_id === id)?.name ?? id : '');
  const saved = () => {
    setDraft(null);
    items.reload();
    sources.reload();
  };

  return (
    <section data-testid={T.feedbackPanel} aria-label="Feedback">
      {draft ? (
        <LogFeedbackForm accountId={accountId} contacts={contacts} draft={draft} onClose={() => setDraft(null)} onSaved={saved} />
      ) : (
        canWrite && (
          <div className="filters">
            <button type="button" className="primary" onClick={() => setDraft({ source: 'call', text: '' })} data-testid={T.logFeedback}>
              Log feedback
            </button>
          </div>
        )
      )}
      {items.error && !items.data ? (
        <ErrorMessage error={items.error} retry={items.reload} />
      ) : !items.data ? (
        <Loading what="Loading the feedback" />
      ) : items.data.items.length === 0 ? (
        <Empty title="No feedback yet">Log what the customer asks for on calls, in meetings and QBRs.</Empty>
      ) : (
        <ol className="timeline">
          {items.data.items.map((i) => (
            <li key={i.item_id} className="timeline-entry" data-testid={T.feedbackItem}>
              <div className="timeline-when">{formatDateTime(i.created_at)}</div>
              <div className="timeline-what">
                <span className="tag">{humanize(i.kind)}</span> <span className={`tag importance-${i.importance}`}>{humanize(i.importance)}</span> {i.text}
                <div className="muted small">
                  {contactName(i.contact_id) && `${contactName(i.contact_id)} · `}
                  {humanize(i.source)}
                  {i.created_by && ` · by ${i.created_by}`}
                  {i.request_id && (
                    <>
                      {' · '}
                      <Link to={`/requests/${i.request_id}`}>{i.request_title ?? `request #${i.request_id}`}</Link>{' '}
                      {i.request_status && <RequestStatusBadge status={i.request_status} />}
                    </>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      {canWrite && canSeeSources && (sources.data?.sources.length ?? 0) > 0 && (
        <>
          <h3>Survey comments, tickets and calls</h3>
          <ul className="plain-list">
            {sources.data!.sources.map((s) => (
              <li key={s.source_ref} data-testid={T.feedbackSource}>
                <span className="tag">{humanize(s.source)}</span> {s.text} <span className="muted small">{formatDateTime(s.ts)}</span>{' '}
                {s.logged ? (
                  <span className="muted small">logged</span>
                ) : (
                  <button
                    type="button"
                    className="link"
                    onClick={() => setDraft({ source: s.source, source_ref: s.source_ref, text: s.text, contact_id: s.contact_id || undefined })}
                    data-testid={T.makeFeedback}
                  >
                    Make feedback
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LogFeedbackForm({
  accountId,
  contacts,
  draft,
  onSaved,
  onClose,
}: {
  accountId: string;
  contacts: Contact[];
  draft: Draft;
  onSaved: () => void;
  onClose: () => void;
}) {
  const toast = useToast();
  const [f, setF] = useState({
    source: draft.source,
    contact_id: draft.contact_id ?? '',
    kind: 'feature_request',
    importance: 'important',
    text: draft.text,
    product_area: '',
  });
  const [request, setRequest] = useState<{ id?: number; title: string }>({ title: '' });
  const [suggestions, setSuggestions] = useState<fb.Suggestion[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const areas = useApi((signal) => fb.productAreas(signal), []);
  const field = (k: keyof typeof f) => ({ value: f[k], onChange: (e: { target: { value: string } }) => setF((old) => ({ ...old, [k]: e.target.value })) });

  // Suggest requests with similar words as the text is typed (debounced).
  useEffect(() => {
    const text = f.text.trim();
    if (text.length < 4) {
      setSuggestions([]);
      return;
    }
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      fb.suggestRequests(text, ctl.signal)
        .then((r) => setSuggestions(r.suggestions))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [f.text]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const item = await fb.logFeedback({
        account_id: accountId,
        contact_id: f.contact_id || undefined,
        source: f.source,
        source_ref: draft.source_ref,
        kind: f.kind,
        importance: f.importance,
        text: f.text,
        product_area: f.product_area || undefined,
        request_id: request.id,
        request_title: request.id ? undefined : request.title.trim() || undefined,
      });
      toast({ kind: 'success', text: item.request_id ? 'Feedback logged and linked to the request.' : 'Feedback logged.' });
      onSaved();
    } catch (err) {
      setError(describeError(err, 'log the feedback'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid={T.feedbackForm} aria-label="Log feedback">
      <div className="form-row">
        <label>
          Source
          <EnumSelect values={fb.FEEDBACK_SOURCES} {...field('source')} testId={T.feedbackSourceSelect} />
        </label>
        <label>
          Who said it
          <select {...field('contact_id')}>
            <option value="">—</option>
            {contacts.map((c) => (
              <option key={c.contact_id} value={c.contact_id}>
                {c.name || c.contact_id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <EnumSelect values={fb.FEEDBACK_KINDS} {...field('kind')} />
        </label>
        <label>
          Importance
          <EnumSelect values={fb.FEEDBACK_IMPORTANCES} {...field('importance')} testId={T.feedbackImportance} />
        </label>
        <label>
          Product area
          <EnumSelect values={areas.data?.product_areas ?? []} {...field('product_area')} empty="—" raw />
        </label>
      </div>
      <label>
        What they said
        <textarea {...field('text')} rows={3} required data-testid={T.feedbackText} />
      </label>
      <fieldset>
        <legend>Request</legend>
        {request.id ? (
          <p>
            Linked to #{request.id} {request.title}{' '}
            <button type="button" className="link" onClick={() => setRequest({ title: '' })}>
              change
            </button>
          </p>
        ) : (
          <>
            {suggestions.length > 0 && (
              <ul className="plain-list" aria-label="Similar requests">
                {suggestions.map((s) => (
                  <li key={s.request_id}>
                    <button type="button" className="link" onClick={() => setRequest({ id: s.request_id, title: s.title })} data-testid={T.feedbackSuggestion}>
                      {s.title}
                    </button>{' '}
                    <span className="muted small">
                      {humanize(s.status)} · {Math.round(s.score * 100)}% similar
                    </span>
                  </li>
                ))}
              </ul>
            )}
            <label>
              Or a new request
              <input value={request.title} onChange={(e) => setRequest({ title: e.target.value })} placeholder="title (leave empty to log without a request)" data-testid={T.feedbackNewRequest} />
            </label>
          </>
        )}
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid={T.feedbackSave}>
          Save
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

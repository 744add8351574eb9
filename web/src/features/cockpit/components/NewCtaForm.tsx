// Raise a CTA by hand on an account, optionally with a playbook's tasks.
import { useState, type FormEvent } from 'react';
import * as api from '../../../api/endpoints';
import { CTA_PRIORITIES, CTA_TYPES } from '../../../api/types';
import { useToast } from '../../../components/Toasts';
import { describeError } from '../../../lib/errors';
import { humanize } from '../../../lib/format';
import { useApi } from '../../../lib/useApi';

export function NewCtaForm({
  accountId,
  defaultOwner,
  onDone,
}: {
  accountId: string;
  defaultOwner: string;
  onDone: (created: boolean) => void;
}) {
  const toast = useToast();
  const books = useApi((signal) => api.playbooks(signal), []);
  const [title, setTitle] = useState('');
  const [type, setType] = useState('risk');
  const [priority, setPriority] = useState('medium');
  const [due, setDue] = useState('');
  const [owner, setOwner] = useState(defaultOwner);
  const [playbook, setPlaybook] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api.createCta({
        account_id: accountId,
        title: title.trim(),
        type,
        priority,
        due_date: due || undefined,
        owner: owner.trim() || undefined,
        playbook: playbook || undefined,
        description: description.trim() || undefined,
      });
      toast({ kind: 'success', text: `CTA “${title.trim()}” created.` });
      onDone(true);
    } catch (err) {
      setError(describeError(err, 'create CTAs here'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={submit} aria-label="New CTA">
      <label className="field">
        <span>Title</span>
        <input required autoFocus value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="form-row">
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {CTA_TYPES.map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Priority</span>
          <select value={priority} onChange={(e) => setPriority(e.target.value)}>
            {CTA_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {humanize(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Due</span>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      </div>
      <div className="form-row">
        <label className="field grow">
          <span>Owner</span>
          <input value={owner} onChange={(e) => setOwner(e.target.value)} />
        </label>
        <label className="field grow">
          <span>Playbook</span>
          <select value={playbook} onChange={(e) => setPlaybook(e.target.value)}>
            <option value="">none</option>
            {(books.data?.playbooks ?? []).map((p) => (
              <option key={p.name} value={p.name}>
                {p.label || p.name} ({p.tasks.length} tasks)
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>Description</span>
        <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !title.trim()}>
          {busy ? 'Creating…' : 'Create CTA'}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

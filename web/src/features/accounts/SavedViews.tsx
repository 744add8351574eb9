// Saved views: the user's named account-list queries (/api/views). Opening one sets the URL
// to its query; "Save view" stores the current filters and sort under a name.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import { ApiError } from '../../api/client';
import * as api from '../../api/endpoints';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { useApi } from '../../lib/useApi';

export function SavedViews({ query }: { query: string }) {
  const views = useApi((signal) => api.listViews(signal), []);
  const toast = useToast();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  if (views.error instanceof ApiError && views.error.status === 404) {
    return <p className="muted small">Saved views need a newer server.</p>;
  }

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      const v = await api.createView(name.trim(), query);
      views.setData((old) => ({ views: [...(old?.views ?? []), v] }));
      toast({ kind: 'success', text: `Saved the view “${v.name}”.` });
      setNaming(false);
      setName('');
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'save views') });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: number, viewName: string) => {
    try {
      await api.deleteView(id);
      views.setData((old) => ({ views: (old?.views ?? []).filter((v) => v.view_id !== id) }));
      toast({ kind: 'info', text: `Deleted the view “${viewName}”.` });
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'delete views') });
    }
  };

  return (
    <div className="saved-views" data-testid={T.savedViews}>
      <span className="muted small">Views:</span>
      {(views.data?.views ?? []).map((v) => (
        <span key={v.view_id} className={v.query === query ? 'view-pill active' : 'view-pill'}>
          <Link to={v.query ? `/accounts?${v.query}` : '/accounts'} aria-current={v.query === query ? 'page' : undefined}>
            {v.name}
          </Link>
          <button type="button" className="link-button" aria-label={`Delete view ${v.name}`} onClick={() => void remove(v.view_id, v.name)}>
            ×
          </button>
        </span>
      ))}
      {views.data && views.data.views.length === 0 && !naming && <span className="muted small">none yet</span>}
      {naming ? (
        <form onSubmit={save} className="inline-form">
          <label className="sr-only" htmlFor="view-name">
            View name
          </label>
          <input id="view-name" autoFocus placeholder="View name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="primary small" disabled={busy || !name.trim()}>
            Save
          </button>
          <button type="button" className="small" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="small" onClick={() => setNaming(true)} data-testid={T.saveView}>
          Save view
        </button>
      )}
    </div>
  );
}

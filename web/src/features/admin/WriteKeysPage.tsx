// Write keys for the Segment-compatible ingestion API (/v1): create (shown once; with allowed
// origins for a browser key), set a key's origins, revoke; the protected traits server keys
// may set; and the last messages received, to check an instrumentation as it is wired up.
import { useState, type FormEvent } from 'react';
import * as api from '../../api/endpoints';
import type { WriteKey } from '../../api/types';
import { Async, Empty } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { SecretOnce } from '../../components/SecretOnce';
import { T } from '../../../e2e/selectors.mjs';

// "https://a.example.com, https://*.example.com" -> the list the API takes.
const splitOrigins = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((o) => o.trim())
    .filter(Boolean);

function OriginsCell({ k, onSaved }: { k: WriteKey; onSaved: () => void }) {
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(k.origins.join(', '));
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.setWriteKeyOrigins(k.key_id, splitOrigins(text));
      setEditing(false);
      onSaved();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'change write keys') });
    }
  };
  if (editing) {
    return (
      <form className="inline-form" onSubmit={save}>
        <label className="sr-only" htmlFor={`origins-${k.key_id}`}>
          Allowed origins of {k.name}
        </label>
        <input id={`origins-${k.key_id}`} value={text} placeholder="none: a server key" onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="small primary">
          Save
        </button>
        <button type="button" className="small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    );
  }
  return (
    <>
      {k.origins.length ? k.origins.map((o) => <code key={o} className="origin">{o}</code>) : <span className="muted">none (server key)</span>}{' '}
      {!k.revoked_at && (
        <button type="button" className="small" onClick={() => setEditing(true)} aria-label={`Edit the origins of ${k.name}`}>
          Edit
        </button>
      )}
    </>
  );
}

function TrustedTraits() {
  const toast = useToast();
  const state = useApi((signal) => api.getTrustedTraits(signal), []);
  const toggle = async (trait: string, on: boolean) => {
    const now = state.data?.trusted_traits ?? [];
    const next = on ? [...now, trait] : now.filter((t) => t !== trait);
    try {
      state.setData(await api.setTrustedTraits(next));
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'change write keys') });
    }
  };
  return (
    <section aria-labelledby="trusted-h">
      <h2 id="trusted-h">Trusted traits</h2>
      <p className="muted">
        Group calls may create accounts and set their name, industry, segment and region. Ownership and revenue are protected: server keys set only
        the ones ticked here, browser keys never do.
      </p>
      <Async state={state} what="trusted traits">
        {(d) => (
          <div className="checks" data-testid={T.trustedTraits}>
            {d.protected_traits.map((t) => (
              <label key={t} className="check">
                <input type="checkbox" checked={d.trusted_traits.includes(t)} onChange={(e) => void toggle(t, e.target.checked)} /> <code>{t}</code>
              </label>
            ))}
          </div>
        )}
      </Async>
    </section>
  );
}

function RecentMessages() {
  const state = useApi((signal) => api.recentIngest(signal), []);
  return (
    <section aria-labelledby="recent-h">
      <h2 id="recent-h">
        Last messages received{' '}
        <button type="button" className="small" onClick={state.reload}>
          Refresh
        </button>
      </h2>
      <Async state={state} what="messages">
        {(d) =>
          d.messages.length === 0 ? (
            <Empty title="Nothing received yet">Messages sent to /v1 since the server started appear here.</Empty>
          ) : (
            <table className="table compact" data-testid={T.recentMessages}>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Key</th>
                  <th scope="col">Origin</th>
                  <th scope="col">Call</th>
                  <th scope="col">User</th>
                  <th scope="col">Account</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {d.messages.map((m, i) => {
                  const details = m.type === 'identify' || m.type === 'group' ? m.traits : m.properties;
                  return (
                    <tr key={i} className={m.outcome === 'refused' ? 'dim' : undefined}>
                      <td>{formatDateTime(m.received_at)}</td>
                      <td>{m.key || '—'}</td>
                      <td>{m.origin || 'server'}</td>
                      <td>{m.type ? `${m.type}${m.event ? `: ${m.event}` : ''}` : '—'}</td>
                      <td>{m.user_id}</td>
                      <td>{m.account_id}</td>
                      <td>{m.outcome}</td>
                      <td>
                        {m.error && <span>{m.error}</span>}
                        {Object.keys(details).length > 0 && <code className="json">{JSON.stringify(details)}</code>}
                        {m.ignored_traits.length > 0 && <span className="muted"> ignored: {m.ignored_traits.join(', ')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Async>
    </section>
  );
}

export default function WriteKeysPage() {
  const toast = useToast();
  const keys = useApi((signal) => api.listWriteKeys(signal), []);
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const k = await api.createWriteKey(name.trim(), splitOrigins(origins));
      setCreated(k.write_key);
      setName('');
      setOrigins('');
      keys.reload();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'create write keys') });
    }
  };
  const revoke = async (id: number, keyName: string) => {
    if (!window.confirm(`Revoke the write key “${keyName}”? Anything sending with it is refused from now on.`)) return;
    try {
      await api.revokeWriteKey(id);
      toast({ kind: 'info', text: `Revoked “${keyName}”.` });
      keys.reload();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'revoke write keys') });
    }
  };

  return (
    <div className="page">
      <h1>Write keys</h1>
      <p className="muted">
        Your product sends usage to tend with a Segment library: the host is this server's address, the write key one of these. A key used from web
        pages (analytics.js) is a browser key: list the origins of your web app, and only pages from them may use it. A key without origins is a
        server key, which no browser may use.
      </p>
      {created && <SecretOnce label="The new write key" secret={created} onDone={() => setCreated(null)} />}
      <form className="inline-form" onSubmit={create}>
        <label className="sr-only" htmlFor="key-name">
          Key name
        </label>
        <input id="key-name" required placeholder="Where it is used, e.g. web app" value={name} onChange={(e) => setName(e.target.value)} />
        <label className="sr-only" htmlFor="key-origins">
          Allowed origins
        </label>
        <input
          id="key-origins"
          placeholder="Browser origins, e.g. https://app.example.com (none: a server key)"
          value={origins}
          onChange={(e) => setOrigins(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!name.trim()}>
          Create write key
        </button>
      </form>
      <label className="check">
        <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} /> show revoked keys
      </label>
      <Async state={keys} what="write keys">
        {(d) => {
          const list = d.write_keys.filter((k) => showRevoked || !k.revoked_at);
          return list.length === 0 ? (
            <Empty title="No write keys">Create one to start sending events.</Empty>
          ) : (
            <table className="table" data-testid={T.writeKeys}>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Allowed origins</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((k) => (
                  <tr key={k.key_id} className={k.revoked_at ? 'dim' : undefined}>
                    <td>{k.name}</td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>{k.kind}</td>
                    <td>
                      <OriginsCell k={k} onSaved={keys.reload} />
                    </td>
                    <td>{formatDateTime(k.created_at)}</td>
                    <td>{k.revoked_at ? `revoked ${formatDateTime(k.revoked_at)}` : 'active'}</td>
                    <td className="num">
                      {!k.revoked_at && (
                        <button type="button" className="small danger" onClick={() => void revoke(k.key_id, k.name)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Async>
      <TrustedTraits />
      <RecentMessages />
    </div>
  );
}

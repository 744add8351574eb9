// Write keys for the Segment-compatible ingestion API (/v1): create (shown once), revoke.
import { useState, type FormEvent } from 'react';
import * as api from '../../api/endpoints';
import { Async, Empty } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { SecretOnce } from '../../components/SecretOnce';

export default function WriteKeysPage() {
  const toast = useToast();
  const keys = useApi((signal) => api.listWriteKeys(signal), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const k = await api.createWriteKey(name.trim());
      setCreated(k.write_key);
      setName('');
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
    <div className="page narrow">
      <h1>Write keys</h1>
      <p className="muted">
        Your product sends usage to tend with a Segment library: the host is this server's address, the write key one of these.
      </p>
      {created && <SecretOnce label="The new write key" secret={created} onDone={() => setCreated(null)} />}
      <form className="inline-form" onSubmit={create}>
        <label className="sr-only" htmlFor="key-name">
          Key name
        </label>
        <input id="key-name" required placeholder="Where it is used, e.g. web app" value={name} onChange={(e) => setName(e.target.value)} />
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
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
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
    </div>
  );
}

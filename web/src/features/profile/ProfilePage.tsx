// The user's own profile: who they are, their time zone for dates, and their API tokens.
import { useState, type FormEvent } from 'react';
import * as api from '../../api/endpoints';
import { Async, Empty } from '../../components/Status';
import { useToast } from '../../components/Toasts';
import { describeError } from '../../lib/errors';
import { browserTimeZone, formatDateTime, setTimeZone, timeZone } from '../../lib/format';
import { ROLE_LABELS } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { useUser } from '../../session/SessionContext';
import { SecretOnce } from '../../components/SecretOnce';

function zones(): string[] {
  const f = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
  return f ? f('timeZone') : [browserTimeZone(), 'UTC'];
}

export default function ProfilePage() {
  const user = useUser();
  const toast = useToast();
  const [tz, setTz] = useState(timeZone());
  const tokens = useApi((signal) => api.listTokens(signal), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const t = await api.createToken(name.trim());
      setCreated(t.token);
      setName('');
      tokens.reload();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'create tokens') });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: number, tokenName: string) => {
    if (!window.confirm(`Revoke the token “${tokenName}”? Scripts using it stop working.`)) return;
    try {
      await api.revokeToken(id);
      toast({ kind: 'info', text: `Revoked “${tokenName}”.` });
      tokens.reload();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'revoke tokens') });
    }
  };

  return (
    <div className="page narrow">
      <h1>Your profile</h1>
      <section className="card">
        <dl className="pairs">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
          <dt>Member since</dt>
          <dd>{formatDateTime(user.created_at)}</dd>
        </dl>
        <p className="muted small">An admin changes roles and resets passwords (Admin → Users).</p>
      </section>

      <section className="card" aria-labelledby="tz-title">
        <h2 id="tz-title">Time zone</h2>
        <p className="muted">Times (activities, comments, tokens) are shown in this zone. Days such as renewal dates are not shifted.</p>
        <label className="inline-field">
          Show times in
          <select
            value={tz}
            onChange={(e) => {
              setTz(e.target.value);
              setTimeZone(e.target.value === browserTimeZone() ? null : e.target.value);
              toast({ kind: 'success', text: `Times are now shown in ${e.target.value}.` });
            }}
          >
            {zones().map((z) => (
              <option key={z} value={z}>
                {z}
                {z === browserTimeZone() ? ' (this computer)' : ''}
              </option>
            ))}
          </select>
        </label>
      </section>

      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">API tokens</h2>
        <p className="muted">
          For scripts and automation: send a token as <code>Authorization: Bearer …</code>. It acts with your role.
        </p>
        {created && <SecretOnce label="Your new token" secret={created} onDone={() => setCreated(null)} />}
        <form className="inline-form" onSubmit={create}>
          <label className="sr-only" htmlFor="token-name">
            Token name
          </label>
          <input id="token-name" placeholder="What it is for, e.g. nightly export" value={name} onChange={(e) => setName(e.target.value)} required />
          <button type="submit" className="primary" disabled={busy || !name.trim()}>
            Create token
          </button>
        </form>
        <Async state={tokens} what="tokens">
          {(d) => {
            const live = d.tokens.filter((t) => !t.revoked_at);
            return live.length === 0 ? (
              <Empty title="No tokens" />
            ) : (
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Starts with</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {live.map((t) => (
                    <tr key={t.token_id}>
                      <td>{t.name}</td>
                      <td>
                        <code>{t.prefix}…</code>
                      </td>
                      <td>{formatDateTime(t.created_at)}</td>
                      <td>{t.last_used_at ? formatDateTime(t.last_used_at) : 'never'}</td>
                      <td className="num">
                        <button type="button" className="danger small" onClick={() => void revoke(t.token_id, t.name)}>
                          Revoke
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }}
        </Async>
      </section>
    </div>
  );
}

// First run: create the first admin with the one-time setup token the server printed
// (/setup?token=...), then sign in as them.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import * as api from '../../api/endpoints';
import { describeError } from '../../lib/errors';
import { useSession } from '../../session/SessionContext';

export default function SetupPage() {
  const [params] = useSearchParams();
  const { login } = useSession();
  const navigate = useNavigate();
  const [token, setToken] = useState(params.get('token') ?? '');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api.setup(token.trim(), email.trim(), name.trim(), password);
      await login(email.trim(), password);
      navigate('/', { replace: true });
    } catch (err) {
      setError(describeError(err, 'set up tend'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-page">
      <form className="card login-card" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">Set up tend</h1>
        <p className="muted">Create the first administrator. The setup token was printed by the server when it started.</p>
        <label className="field">
          <span>Setup token</span>
          <input required value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>Your name</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </label>
        <label className="field">
          <span>Email</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
        <label className="field">
          <span>Password again</span>
          <input type="password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create administrator'}
        </button>
        <p className="small">
          Already set up? <Link to="/login">Sign in</Link>
        </p>
      </form>
    </div>
  );
}

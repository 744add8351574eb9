// Sign in with email and password; goes back to where the user was headed (?next=).
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import { ApiError } from '../../api/client';
import { describeError } from '../../lib/errors';
import { useSession } from '../../session/SessionContext';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { status, login } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));

  if (status === 'signedIn') return <Navigate to={next} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login(email.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That email and password do not match an active account.'
          : describeError(err, 'sign in'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center-page">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            ◐
          </span>{' '}
          tend
        </div>
        <h1 id="login-title">Sign in</h1>
        <label className="field">
          <span>Email</span>
          <input
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid={T.loginEmail}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid={T.loginPassword}
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid={T.loginError}>
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} data-testid={T.loginSubmit}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

// The signed-in user. Loads /api/me once, keeps the CSRF token in the API client and sends
// the user to /login (remembering where they were) when a request finds the session gone.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import * as api from '../api/endpoints';
import type { User } from '../api/types';

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut' | 'unreachable';

interface SessionValue {
  status: SessionStatus;
  user: User | null;
  login: (email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [attempt, setAttempt] = useState(0);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    const ctl = new AbortController();
    api
      .me(ctl.signal)
      .then((s) => {
        setCsrfToken(s.csrf_token);
        setUser(s.user);
        setStatus('signedIn');
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted) return;
        setStatus(e instanceof ApiError && e.status === 0 ? 'unreachable' : 'signedOut');
      });
    return () => ctl.abort();
  }, [attempt]);

  // A request found the session gone: forget the user and go to the login page.
  const here = location.pathname + location.search;
  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      setStatus('signedOut');
      if (!here.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, here]);

  const login = useCallback(async (email: string, password: string) => {
    const s = await api.login(email, password);
    setCsrfToken(s.csrf_token);
    setUser(s.user);
    setStatus('signedIn');
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(null);
      setUser(null);
      setStatus('signedOut');
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const retry = useCallback(() => {
    setStatus('loading');
    setAttempt((a) => a + 1);
  }, []);

  const value = useMemo(() => ({ status, user, login, logout, retry }), [status, user, login, logout, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

// The signed-in user; only for pages behind RequireSession.
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

// Short notices at the bottom right ("New CTA at Acme", "Saved"), read out by screen readers.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../e2e/selectors.mjs';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'success' | 'error';
  link?: { to: string; label: string };
  // A toast with the key of one on screen replaces it (e.g. a burst of score changes).
  key?: string;
}

type Push = (t: Omit<Toast, 'id'>) => void;
const ToastContext = createContext<Push>(() => {});

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const push = useCallback<Push>(
    (t) => {
      const id = next.current++;
      setToasts((ts) => [...ts.filter((x) => !t.key || x.key !== t.key).slice(-3), { ...t, id }]);
      window.setTimeout(() => dismiss(id), t.kind === 'error' ? 10000 : 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid={T.toasts}>
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`}>
            <span>{t.text}</span>
            {t.link && (
              <Link to={t.link.to} onClick={() => dismiss(t.id)}>
                {t.link.label}
              </Link>
            )}
            <button type="button" className="link-button" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Push {
  return useContext(ToastContext);
}

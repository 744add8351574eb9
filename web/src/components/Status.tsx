// Loading, error and empty states, the same on every page.
import type { ReactNode } from 'react';
import { describeError } from '../lib/errors';

export function Loading({ what = 'Loading', inline = false }: { what?: string; inline?: boolean }) {
  return (
    <div className={inline ? 'loading loading-inline' : 'loading'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{what}…</span>
    </div>
  );
}

export function ErrorMessage({ error, what, retry }: { error: unknown; what?: string; retry?: () => void }) {
  const text = describeError(error, what);
  if (!text) return null;
  return (
    <div className="error-box" role="alert">
      <p>{text}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

// Shows loading until data arrives, the error if it failed, else the children with the data.
export function Async<T>({
  state,
  what,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error && !state.data) return <ErrorMessage error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading what={`Loading ${what}`} />;
  return <>{children(state.data)}</>;
}

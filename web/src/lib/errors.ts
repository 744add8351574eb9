// Turns API failures into sentences a CSM understands. The server's message is kept when it
// explains a field ("field \"until\": must be a later day"); codes that mean the same thing to
// a user get one wording.
import { ApiError } from '../api/client';

export function describeError(err: unknown, what = 'do this'): string {
  if (err instanceof DOMException && err.name === 'AbortError') return '';
  if (!(err instanceof ApiError)) {
    return err instanceof Error ? `Something went wrong: ${err.message}` : 'Something went wrong.';
  }
  switch (err.status) {
    case 0:
      return "Can't reach the tend server. Check your connection and try again.";
    case 401:
      return 'Your session has ended. Please sign in again.';
    case 403:
      if (err.code === 'auth.notYourAccount') return `This account belongs to another CSM, so you can't ${what} here.`;
      if (err.code === 'auth.csrf' || /csrf/i.test(err.message)) return 'Your session expired in this tab. Reload the page and try again.';
      return `Your role doesn't allow you to ${what}. Ask an admin if you need it.`;
    case 404:
      if (err.code === 'api.noRoute') return 'This server does not offer this feature yet (it may need an update).';
      return 'We could not find it: it may have been deleted, or the link is wrong.';
    case 409:
      return err.message || 'That conflicts with what is already there.';
    case 413:
      return 'That file is too large for the server.';
    case 422: {
      const msg = err.message.replace(/^field "[^"]+": /, '');
      return err.field && err.field !== 'file' ? `${humanField(err.field)}: ${msg}` : msg;
    }
    case 429: {
      const s = err.retryAfter;
      return s ? `Too many attempts. Try again in ${waitText(s)}.` : 'Too many attempts. Try again in a little while.';
    }
    case 503:
      return 'The server is busy right now. Try again in a moment.';
    default:
      if (err.status >= 500) return 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.';
      return err.message;
  }
}

function humanField(f: string): string {
  const t = f.replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

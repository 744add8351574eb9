// API failures in words (errors.ts), for the error shape of docs/api.md
// ({"error": {"code", "message", "field"}}), network failures and aborts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, get, post } from '../api/client';
import { describeError, isNotFound } from './errors';

const apiError = (status: number, code: string, message: string, field: string | null = null, retryAfter: number | null = null) =>
  new ApiError(status, { code, message, field }, retryAfter);

describe('describeError', () => {
  it('says nothing for an aborted request', () => {
    expect(describeError(new DOMException('The operation was aborted.', 'AbortError'))).toBe('');
  });

  it('words errors that are not from the API', () => {
    expect(describeError(new Error('boom'))).toBe('Something went wrong: boom');
    expect(describeError(new TypeError('x is undefined'))).toBe('Something went wrong: x is undefined');
    expect(describeError('text')).toBe('Something went wrong.');
    expect(describeError(undefined)).toBe('Something went wrong.');
    expect(describeError(new DOMException('denied', 'SecurityError'))).toBe('Something went wrong: denied');
  });

  it('words an unreachable server', () => {
    expect(describeError(new ApiError(0, null))).toBe("Can't reach the tend server. Check your connection and try again.");
  });

  it('words a lost session', () => {
    expect(describeError(apiError(401, 'auth.badSession', 'no valid session'))).toBe(
      'Your session has ended. Please sign in again.',
    );
  });

  describe('403', () => {
    it("names another CSM's account with what the user tried", () => {
      const err = apiError(403, 'auth.notYourAccount', 'account A-1 is not in your book (its CSM is Jane)');
      expect(describeError(err, 'log an activity')).toBe(
        "This account belongs to another CSM, so you can't log an activity here.",
      );
    });

    it('asks to reload on a CSRF failure', () => {
      const reload = 'Your session expired in this tab. Reload the page and try again.';
      expect(describeError(apiError(403, 'auth.csrf', 'missing or wrong X-CSRF-Token header (GET /api/me gives it)'))).toBe(reload);
      // recognised by the message too
      expect(describeError(apiError(403, 'auth.other', 'bad CSRF token'))).toBe(reload);
    });

    it('points to the role otherwise', () => {
      expect(describeError(apiError(403, 'auth.forbidden', 'role viewer may not do this'))).toBe(
        "Your role doesn't allow you to do this. Ask an admin if you need it.",
      );
      expect(describeError(apiError(403, 'auth.forbidden', 'no'), 'edit definitions')).toBe(
        "Your role doesn't allow you to edit definitions. Ask an admin if you need it.",
      );
    });
  });

  it('words 404s', () => {
    expect(describeError(apiError(404, 'api.noRoute', 'no route GET /api/reports'))).toBe(
      'This server does not offer this feature yet (it may need an update).',
    );
    expect(describeError(apiError(404, 'accounts.notFound', 'no account A-9'))).toBe(
      'We could not find it: it may have been deleted, or the link is wrong.',
    );
  });

  it("keeps the server's word on conflicts", () => {
    expect(describeError(apiError(409, 'setup.done', 'setup is done: users exist'))).toBe('setup is done: users exist');
    expect(describeError(apiError(409, 'x.conflict', ''))).toBe('That conflicts with what is already there.');
  });

  it('words a body that is too large', () => {
    expect(describeError(apiError(413, 'api.tooLarge', 'the request body is too large'))).toBe(
      'That file is too large for the server.',
    );
  });

  describe('422', () => {
    it('names the field in words and drops its technical prefix', () => {
      expect(describeError(apiError(422, 'api.badField', 'field "until": must be a later day', 'until'))).toBe(
        'Until: must be a later day',
      );
      expect(describeError(apiError(422, 'api.badField', 'field "renewal_date": not a day', 'renewal_date'))).toBe(
        'Renewal date: not a day',
      );
    });

    it('keeps the message alone without a field, or for a file', () => {
      expect(describeError(apiError(422, 'api.badQuery', 'unknown sort "size"'))).toBe('unknown sort "size"');
      expect(describeError(apiError(422, 'import.badRows', 'field "file": 3 rows have errors', 'file'))).toBe(
        '3 rows have errors',
      );
    });
  });

  it('words too many attempts with the wait', () => {
    const tooMany = (s: number | null) => describeError(apiError(429, 'auth.tooManyAttempts', 'slow down', null, s));
    expect(tooMany(null)).toBe('Too many attempts. Try again in a little while.');
    expect(tooMany(1)).toBe('Too many attempts. Try again in 1 second.');
    expect(tooMany(32)).toBe('Too many attempts. Try again in 32 seconds.');
    expect(tooMany(60)).toBe('Too many attempts. Try again in 1 minute.');
    expect(tooMany(61)).toBe('Too many attempts. Try again in 2 minutes.');
    expect(tooMany(900)).toBe('Too many attempts. Try again in 15 minutes.');
  });

  it('words server trouble without its details', () => {
    expect(describeError(apiError(503, 'stream.tooMany', 'too many open event streams'))).toBe(
      'The server is busy right now. Try again in a moment.',
    );
    const broken = 'Something went wrong on the server. Try again; if it keeps happening, tell your admin.';
    expect(describeError(apiError(500, 'internal', 'sqlite: disk I/O error'))).toBe(broken);
    expect(describeError(new ApiError(502, null))).toBe(broken);
  });

  it("shows other client errors in the server's words", () => {
    expect(describeError(apiError(400, 'api.badJson', 'malformed JSON at byte 17'))).toBe('malformed JSON at byte 17');
    expect(describeError(new ApiError(400, null))).toBe('HTTP 400');
  });
});

describe('isNotFound', () => {
  it('is true for API 404s only', () => {
    expect(isNotFound(apiError(404, 'accounts.notFound', 'no account'))).toBe(true);
    expect(isNotFound(new ApiError(404, null))).toBe(true);
    expect(isNotFound(apiError(403, 'auth.forbidden', 'no'))).toBe(false);
    expect(isNotFound(new ApiError(0, null))).toBe(false);
    expect(isNotFound(new Error('404'))).toBe(false);
    expect(isNotFound(null)).toBe(false);
  });
});

describe('from the wire to words', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('words a network failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const err = await get('/api/dashboard').catch((e: unknown) => e);
    expect(describeError(err)).toBe("Can't reach the tend server. Check your connection and try again.");
  });

  it('words an error body', async () => {
    const body = { error: { code: 'api.badField', message: 'field "due_date": must be a day (YYYY-MM-DD)', field: 'due_date' } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 422 })));
    const err = await post('/api/ctas', {}).catch((e: unknown) => e);
    expect(describeError(err, 'create a CTA')).toBe('Due date: must be a day (YYYY-MM-DD)');
  });

  it('words a rate limit from its header', async () => {
    const body = { error: { code: 'auth.tooManyAttempts', message: 'too many failed logins', field: null } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 429, headers: { 'Retry-After': '120' } })));
    const err = await post('/api/login', {}).catch((e: unknown) => e);
    expect(describeError(err)).toBe('Too many attempts. Try again in 2 minutes.');
  });
});

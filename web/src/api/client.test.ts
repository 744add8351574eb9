// The HTTP client (client.ts) against a stubbed fetch: headers, CSRF token on state-changing
// requests, error bodies into ApiError, network failures and the 401 handler.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, del, get, patch, post, put, request, setCsrfToken, setUnauthorizedHandler, withQuery } from './client';

type FetchArgs = [input: string, init: RequestInit];

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>;

function lastCall(): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.lastCall!;
  return { url, init, headers: init.headers as Record<string, string> };
}

beforeEach(() => {
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>(async () => json(200, { ok: true }));
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe('withQuery', () => {
  it('adds set values and skips empty ones', () => {
    expect(withQuery('/api/ctas')).toBe('/api/ctas');
    expect(withQuery('/api/ctas', {})).toBe('/api/ctas');
    expect(withQuery('/api/ctas', { scope: 'team', status: undefined, owner: null, q: '' })).toBe('/api/ctas?scope=team');
    expect(withQuery('/api/ctas', { limit: 50, open: true, closed: false })).toBe('/api/ctas?limit=50&open=true&closed=false');
  });

  it('encodes values', () => {
    expect(withQuery('/api/accounts', { q: 'Acme & Co' })).toBe('/api/accounts?q=Acme+%26+Co');
  });

  it('takes URLSearchParams as they are', () => {
    expect(withQuery('/api/accounts', new URLSearchParams('color=red,yellow'))).toBe('/api/accounts?color=red%2Cyellow');
    expect(withQuery('/api/accounts', new URLSearchParams())).toBe('/api/accounts');
  });
});

describe('requests', () => {
  it('GETs JSON with the session cookie and no body', async () => {
    await expect(get('/api/accounts', { query: { limit: 10 } })).resolves.toEqual({ ok: true });
    const { url, init, headers } = lastCall();
    expect(url).toBe('/api/accounts?limit=10');
    expect(init.method).toBe('GET');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBeUndefined();
    expect(headers).toEqual({ Accept: 'application/json' });
  });

  it('never sends the CSRF token with a GET', async () => {
    setCsrfToken('tok-123');
    await get('/api/me');
    expect(lastCall().headers).not.toHaveProperty('X-CSRF-Token');
  });

  it('sends the CSRF token with every state-changing method', async () => {
    setCsrfToken('tok-123');
    const calls: [string, () => Promise<unknown>][] = [
      ['POST', () => post('/api/ctas', { title: 'Call' })],
      ['PATCH', () => patch('/api/ctas/1', { status: 'closed' })],
      ['PUT', () => put('/api/me/settings', { tz: 'UTC' })],
      ['DELETE', () => del('/api/ctas/1')],
    ];
    for (const [method, call] of calls) {
      await call();
      const { init, headers } = lastCall();
      expect(init.method).toBe(method);
      expect(headers['X-CSRF-Token'], method).toBe('tok-123');
    }
  });

  it('sends no CSRF header before a token is known', async () => {
    await post('/api/login', { email: 'a@example.com', password: 'x' });
    expect(lastCall().headers).not.toHaveProperty('X-CSRF-Token');
    setCsrfToken('tok-1');
    setCsrfToken(null); // signed out
    await del('/api/ctas/1');
    expect(lastCall().headers).not.toHaveProperty('X-CSRF-Token');
  });

  it('sends bodies as JSON; POST without a body sends {}', async () => {
    await post('/api/ctas', { title: 'Call', due: '2026-12-01' });
    let { init, headers } = lastCall();
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ title: 'Call', due: '2026-12-01' });

    await post('/api/refresh');
    ({ init } = lastCall());
    expect(init.body).toBe('{}');

    await del('/api/ctas/1');
    ({ init, headers } = lastCall());
    expect(init.body).toBeUndefined();
    expect(headers).not.toHaveProperty('Content-Type');
  });

  it('passes the abort signal on', async () => {
    const ctl = new AbortController();
    await get('/api/me', { signal: ctl.signal });
    expect(lastCall().init.signal).toBe(ctl.signal);
  });

  it('returns undefined for 204 No Content', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await expect(del('/api/ctas/1')).resolves.toBeUndefined();
  });
});

describe('errors', () => {
  it('turns an error body into ApiError', async () => {
    fetchMock.mockResolvedValueOnce(
      json(422, { error: { code: 'api.badField', message: 'field "until": must be a later day', field: 'until' } }),
    );
    const err = await post('/api/plans', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      status: 422,
      code: 'api.badField',
      message: 'field "until": must be a later day',
      field: 'until',
      retryAfter: null,
    });
  });

  it('keeps extra error fields in the body', async () => {
    const body = { code: 'import.badRows', message: '2 bad rows', field: 'file', messages: ['line 3: arr', 'line 9: arr'] };
    fetchMock.mockResolvedValueOnce(json(422, { error: body }));
    const err = (await post('/api/import', {}).catch((e: unknown) => e)) as ApiError;
    expect(err.body).toEqual(body);
  });

  it('copes with a body that is not the error shape', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<h1>Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    let err = (await get('/api/accounts').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 502, code: 'http.502', message: 'HTTP 502', field: null, body: null });

    fetchMock.mockResolvedValueOnce(json(400, { message: 'no error key' }));
    err = (await get('/api/accounts').catch((e: unknown) => e)) as ApiError;
    expect(err).toMatchObject({ status: 400, code: 'http.400', body: null });
  });

  it('reads Retry-After', async () => {
    fetchMock.mockResolvedValueOnce(
      json(429, { error: { code: 'auth.tooManyAttempts', message: 'too many failed logins', field: null } }, { 'Retry-After': '32' }),
    );
    const err = (await post('/api/login', {}).catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(429);
    expect(err.retryAfter).toBe(32);
  });

  it('reports an unreachable server as status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const err = (await get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 0, code: 'network', message: 'HTTP 0', body: null });
  });

  it('lets an abort through unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    fetchMock.mockRejectedValueOnce(abort);
    await expect(get('/api/me')).rejects.toBe(abort);
  });
});

describe('lost session (401)', () => {
  const unauthorized = () => json(401, { error: { code: 'auth.badSession', message: 'no valid session', field: null } });

  it('calls the handler and still rejects', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(unauthorized());
    await expect(get('/api/accounts')).rejects.toMatchObject({ status: 401, code: 'auth.badSession' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('stays quiet when asked (login, the first /api/me)', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(unauthorized());
    await expect(request('GET', '/api/me', { quiet401: true })).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not call the handler for other errors', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(json(403, { error: { code: 'auth.forbidden', message: 'no', field: null } }));
    await expect(post('/api/ctas', {})).rejects.toMatchObject({ status: 403 });
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(get('/api/me')).rejects.toMatchObject({ status: 0 });
    expect(handler).not.toHaveBeenCalled();
  });

  it('works without a handler, and after it is removed', async () => {
    fetchMock.mockResolvedValueOnce(unauthorized());
    await expect(get('/api/accounts')).rejects.toMatchObject({ status: 401 });
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    setUnauthorizedHandler(null);
    fetchMock.mockResolvedValueOnce(unauthorized());
    await expect(get('/api/accounts')).rejects.toMatchObject({ status: 401 });
    expect(handler).not.toHaveBeenCalled();
  });
});

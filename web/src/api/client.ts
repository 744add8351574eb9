// The one place the web app talks HTTP to tend. Every call goes through `request`, which
// sends the session cookie, adds the CSRF token to state-changing requests, turns error
// bodies ({"error": {code, message, field}}) into ApiError and reports a lost session (401)
// to the handler the session provider installs (it sends the user to the login page).
import type { ApiErrorBody } from './types';

export class ApiError extends Error {
  readonly status: number; // 0: the server could not be reached
  readonly code: string;
  readonly field: string | null;
  readonly body: ApiErrorBody['error'] | null;
  readonly retryAfter: number | null;

  constructor(status: number, body: ApiErrorBody['error'] | null, retryAfter: number | null = null) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'network' : `http.${status}`);
    this.field = body?.field ?? null;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

// The path the app is served under: "" at the root, "/tend" behind a proxy that forwards
// /tend/ (tend serve --base-path /tend). The server's index page names it in <base href>.
export const BASE_PATH: string = (() => {
  if (typeof document === 'undefined') return '';
  const href = document.querySelector('base')?.getAttribute('href') ?? '';
  return href.startsWith('/') ? href.replace(/\/+$/, '') : '';
})();

// An API path ("/api/me") as the browser must ask for it.
export const apiUrl = (path: string): string => BASE_PATH + path;

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Called when a request made with a session gets 401 (the session ended or expired).
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined> | URLSearchParams;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = query instanceof URLSearchParams ? query : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  // Do not call the 401 handler (login, the initial /api/me).
  quiet401?: boolean;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: ApiErrorBody['error'] | null = null;
  try {
    const j = (await res.json()) as Partial<ApiErrorBody>;
    if (j && j.error) body = j.error;
  } catch {
    body = null;
  }
  const ra = res.headers.get('Retry-After');
  return new ApiError(res.status, body, ra ? Number(ra) : null);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(withQuery(path, opts.query)), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (res.status === 401 && !opts.quiet401 && onUnauthorized) onUnauthorized();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) =>
  request<T>('POST', path, { ...opts, body: body ?? {} });
export const patch = <T>(path: string, body: unknown, opts?: RequestOptions) =>
  request<T>('PATCH', path, { ...opts, body });
export const put = <T>(path: string, body: unknown, opts?: RequestOptions) =>
  request<T>('PUT', path, { ...opts, body });
export const del = <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts);

// Uploads a file as the request body with upload progress (fetch has none), e.g. a CSV.
export function upload<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
  onSent?: () => void,
): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => onSent?.();
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(parsed as T);
        return;
      }
      if (xhr.status === 401 && onUnauthorized) onUnauthorized();
      const body = (parsed as Partial<ApiErrorBody> | null)?.error ?? null;
      reject(new ApiError(xhr.status, body));
    };
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

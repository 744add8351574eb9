// Loads the accounts list page by page (cursor pages of /api/accounts) for one query: the
// first page small, for a quick first paint, then bigger pages as the table scrolls. Rows of
// a previous query stay visible (dimmed) until the new first page arrives.
import { useCallback, useEffect, useRef, useState } from 'react';
import * as api from '../../api/endpoints';
import type { AccountRow } from '../../api/types';

const FIRST_PAGE = 100;
const NEXT_PAGE = 500;

export interface AccountPages {
  rows: AccountRow[];
  total: number | null;
  asOf: string | null;
  loading: boolean; // the first page of the current query is on its way
  loadingMore: boolean;
  error: unknown;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  patchRow: (id: string, change: Partial<AccountRow>) => void;
}

export function useAccountPages(query: string): AccountPages {
  const [rows, setRows] = useState<AccountRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [asOf, setAsOf] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [nonce, setNonce] = useState(0);
  const cursor = useRef<string | null>(null);
  const generation = useRef(0);
  const more = useRef<AbortController | null>(null);

  useEffect(() => {
    const gen = ++generation.current;
    const ctl = new AbortController();
    more.current?.abort();
    setLoading(true);
    setError(null);
    const params = new URLSearchParams(query);
    params.set('limit', String(FIRST_PAGE));
    api
      .listAccounts(params, ctl.signal)
      .then((page) => {
        if (gen !== generation.current) return;
        setRows(page.accounts);
        setTotal(page.total);
        setAsOf(page.as_of);
        cursor.current = page.next_cursor;
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted || gen !== generation.current) return;
        setError(e);
        setLoading(false);
      });
    return () => ctl.abort();
  }, [query, nonce]);

  const loadMore = useCallback(() => {
    if (loading || loadingMore || !cursor.current) return;
    const gen = generation.current;
    const ctl = new AbortController();
    more.current = ctl;
    const params = new URLSearchParams(query);
    params.set('limit', String(NEXT_PAGE));
    params.set('cursor', cursor.current);
    setLoadingMore(true);
    api
      .listAccounts(params, ctl.signal)
      .then((page) => {
        if (gen !== generation.current) return;
        setRows((old) => old.concat(page.accounts));
        setTotal(page.total);
        cursor.current = page.next_cursor;
        setLoadingMore(false);
      })
      .catch((e: unknown) => {
        if (ctl.signal.aborted || gen !== generation.current) return;
        setError(e);
        setLoadingMore(false);
      });
  }, [query, loading, loadingMore]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  const patchRow = useCallback((id: string, change: Partial<AccountRow>) => {
    setRows((old) => {
      const i = old.findIndex((r) => r.account_id === id);
      if (i < 0) return old;
      const copy = old.slice();
      copy[i] = { ...copy[i], ...change };
      return copy;
    });
  }, []);

  return {
    rows,
    total,
    asOf,
    loading,
    loadingMore,
    error,
    hasMore: cursor.current !== null && !loading,
    loadMore,
    reload,
    patchRow,
  };
}

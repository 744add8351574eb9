// The accounts list: search, filters (color, segment, CSM, renewal window, status), sortable
// columns and saved views. The URL holds the same query parameters as /api/accounts
// (/accounts?color=red&segment=smb), so every list is shareable and the back button works.
// Rows load in cursor pages as the table scrolls and only the visible rows are drawn, so a
// list of 100,000 accounts scrolls without delay.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { COLORS } from '../../api/types';
import { colorLabel } from '../../components/Health';
import { MultiSelect } from '../../components/MultiSelect';
import { ErrorMessage } from '../../components/Status';
import { useLiveEvent } from '../../live/LiveContext';
import { formatDay, formatInt } from '../../lib/format';
import { toQuery } from '../../lib/query';
import { useApi } from '../../lib/useApi';
import { AccountsTable } from './AccountsTable';
import { SavedViews } from './SavedViews';
import { useAccountPages } from './useAccountPages';

// The list's query parameters, in the order they are written to the URL and the API.
export const LIST_PARAMS = ['q', 'color', 'segment', 'csm', 'renewal_within_days', 'status', 'sort', 'order'] as const;

export function canonicalQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const k of LIST_PARAMS) {
    const v = params.get(k);
    if (v) out.set(k, v);
  }
  return toQuery(out);
}

const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export default function AccountsPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const query = canonicalQuery(params);
  // Writes the list's URL; reads the current one at call time (a debounced search may run
  // after other filters changed).
  const go = (change: (p: URLSearchParams) => void, replace = false) => {
    const p = new URLSearchParams(window.location.search);
    change(p);
    const q = toQuery(p);
    navigate(q ? `?${q}` : '?', { replace });
  };
  const pages = useAccountPages(query);
  // Facets for the filters: segments and CSMs, taken from the dashboard summary (there is no
  // facets route yet), once the first rows are on screen.
  const [wantFacets, setWantFacets] = useState(false);
  useEffect(() => {
    if (!pages.loading) setWantFacets(true);
  }, [pages.loading]);
  const facets = useApi((signal) => (wantFacets ? api.dashboard(signal) : Promise.resolve(undefined)), [wantFacets]);

  const set = (key: string, value: string | null, replace = false) =>
    go((p) => (value ? p.set(key, value) : p.delete(key)), replace);

  // The search box updates the URL after a short pause (replace: no history entry per key).
  const qParam = params.get('q') ?? '';
  const [search, setSearch] = useState(qParam);
  const written = useRef(qParam);
  useEffect(() => {
    // The URL changed from outside (back button, a saved view): show its search.
    if (qParam !== written.current) {
      written.current = qParam;
      setSearch(qParam);
    }
  }, [qParam]);
  useEffect(() => {
    if (search.trim() === written.current) return;
    const t = window.setTimeout(() => {
      written.current = search.trim();
      set('q', search.trim() || null, true);
    }, 250);
    return () => window.clearTimeout(t);
  }, [search]); // deliberately narrower deps

  useLiveEvent('score', (e) => pages.patchRow(e.account_id, { overall: e.overall, color: e.color }));
  useLiveEvent('refresh', () => pages.reload());

  const segments = useMemo(
    () => (facets.data?.by_segment ?? []).map((s) => ({ value: s.segment, label: s.segment || '(none)' })),
    [facets.data],
  );
  const csms = useMemo(
    () =>
      (facets.data?.by_csm ?? [])
        .map((s) => ({ value: s.csm, label: s.csm || '(no CSM)' }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [facets.data],
  );
  const colors = list(params.get('color'));
  const filtered = LIST_PARAMS.some((k) => k !== 'sort' && k !== 'order' && params.get(k));

  return (
    <div className="page page-fill">
      <header className="page-header">
        <div>
          <h1>Accounts</h1>
          <p className="muted" aria-live="polite" data-testid={T.accountsTotal}>
            {pages.total === null ? 'Counting…' : `${formatInt(pages.total)} account${pages.total === 1 ? '' : 's'}`}
            {pages.asOf && ` · health as of ${formatDay(pages.asOf)}`}
          </p>
        </div>
        <SavedViews query={query} />
      </header>

      <div className="filters" role="search" aria-label="Filter accounts">
        <label className="search">
          <span className="sr-only">Search by name or ID</span>
          <input
            type="search"
            placeholder="Search name or ID"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid={T.accountsSearch}
          />
        </label>
        <fieldset className="chips" data-testid={T.colorFilter}>
          <legend className="sr-only">Health color</legend>
          {COLORS.map((c) => {
            const on = colors.includes(c);
            return (
              <button
                key={c}
                type="button"
                className={on ? 'chip active' : 'chip'}
                aria-pressed={on}
                onClick={() => set('color', (on ? colors.filter((x) => x !== c) : [...colors, c]).join(',') || null)}
                data-color={c}
              >
                <span className={`dot dot-${c}`} aria-hidden="true" /> {colorLabel(c)}
              </button>
            );
          })}
        </fieldset>
        <MultiSelect label="Segment" options={segments} selected={list(params.get('segment'))} onChange={(v) => set('segment', v.join(',') || null)} />
        <MultiSelect label="CSM" options={csms} selected={list(params.get('csm'))} onChange={(v) => set('csm', v.join(',') || null)} />
        <label className="inline-field">
          Renewal
          <select value={params.get('renewal_within_days') ?? ''} onChange={(e) => set('renewal_within_days', e.target.value || null)}>
            <option value="">any time</option>
            <option value="30">within 30 days</option>
            <option value="60">within 60 days</option>
            <option value="90">within 90 days</option>
            <option value="180">within 180 days</option>
            <option value="365">within a year</option>
          </select>
        </label>
        <label className="inline-field">
          Status
          <select value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value || null)}>
            <option value="">active</option>
            <option value="churned">churned</option>
            <option value="all">all</option>
          </select>
        </label>
        {filtered && (
          <button type="button" className="link-button" onClick={() => navigate('/accounts')}>
            Clear filters
          </button>
        )}
      </div>

      {pages.error !== null && pages.rows.length === 0 ? (
        <ErrorMessage error={pages.error} retry={pages.reload} />
      ) : (
        <>
          {pages.error !== null && <ErrorMessage error={pages.error} retry={pages.reload} />}
          <AccountsTable
            pages={pages}
            sort={params.get('sort')}
            order={params.get('order')}
            onSort={(sort, order) =>
              go((p) => {
                p.set('sort', sort);
                p.set('order', order);
              })
            }
            filtered={filtered}
          />
        </>
      )}
    </div>
  );
}

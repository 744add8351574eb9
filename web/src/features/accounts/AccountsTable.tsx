// The accounts table: a real <table> that draws only the rows in view (plus a margin) between
// two spacer rows, asks for the next page when the end comes near, and moves between rows
// with the arrow keys (Enter opens the account).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import type { AccountRow } from '../../api/types';
import { Change, HealthBadge } from '../../components/Health';
import { Empty, Loading } from '../../components/Status';
import { formatDay, formatMoney, formatNumber, humanize } from '../../lib/format';
import type { AccountPages } from './useAccountPages';

const ROW = 44; // px, fixed so the visible range can be computed from scrollTop
const OVERSCAN = 10;

interface Column {
  key: string;
  label: string;
  sort?: string; // the API's sort key
  firstOrder?: 'asc' | 'desc';
  num?: boolean;
  width: string;
  cell: (a: AccountRow) => React.ReactNode;
}

const COLUMNS: Column[] = [
  {
    key: 'name',
    label: 'Account',
    sort: 'name',
    firstOrder: 'asc',
    width: '23%',
    cell: (a) => (
      <>
        <Link to={`/accounts/${encodeURIComponent(a.account_id)}`} className="row-link">
          {a.name || a.account_id}
        </Link>
        <span className="muted small"> {a.account_id}</span>
      </>
    ),
  },
  { key: 'overall', label: 'Health', sort: 'overall', firstOrder: 'asc', width: '8%', cell: (a) => <HealthBadge color={a.color} overall={a.overall} /> },
  { key: 'change_7d', label: '7-day Δ', sort: 'change_7d', firstOrder: 'asc', num: true, width: '8%', cell: (a) => <Change value={a.change_7d} /> },
  { key: 'arr', label: 'ARR', sort: 'arr', firstOrder: 'desc', num: true, width: '10%', cell: (a) => formatMoney(a.arr) },
  {
    key: 'renewal_date',
    label: 'Renewal',
    sort: 'renewal_date',
    firstOrder: 'asc',
    width: '16%',
    cell: (a) =>
      a.renewal_date ? (
        <>
          {formatDay(a.renewal_date)}{' '}
          {a.days_to_renewal !== null && <span className="muted small">({a.days_to_renewal} d)</span>}
        </>
      ) : (
        <span className="muted">—</span>
      ),
  },
  { key: 'segment', label: 'Segment', width: '10%', cell: (a) => humanize(a.segment) },
  { key: 'csm', label: 'CSM', width: '16%', cell: (a) => a.csm || <span className="muted">none</span> },
  {
    key: 'churn_risk',
    label: 'Churn risk',
    sort: 'churn_risk',
    firstOrder: 'desc',
    num: true,
    width: '9%',
    cell: (a) => (a.churn_risk === null ? <span className="muted">—</span> : `${formatNumber(a.churn_risk * 100)}%`),
  },
];

export function AccountsTable({
  pages,
  sort,
  order,
  onSort,
  filtered,
}: {
  pages: AccountPages;
  sort: string | null;
  order: string | null;
  onSort: (sort: string, order: 'asc' | 'desc') => void;
  filtered: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const navigate = useNavigate();
  const { rows } = pages;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // A new query starts at the top.
  const first = rows[0]?.account_id;
  useEffect(() => {
    if (pages.loading) return;
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [pages.loading, first]);

  const frame = useRef(0);
  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(box.current?.scrollTop ?? 0));
  }, []);

  const start = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const end = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);

  // Ask for the next page when fewer than two screens of rows are left below.
  const { hasMore, loadMore, loadingMore } = pages;
  useEffect(() => {
    if (hasMore && !loadingMore && end + Math.ceil((2 * height) / ROW) >= rows.length) loadMore();
  }, [end, rows.length, height, hasMore, loadingMore, loadMore]);

  const onKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const tr = (e.target as HTMLElement).closest('tr[data-index]');
    if (!tr) return;
    const i = Number(tr.getAttribute('data-index'));
    let j = i;
    if (e.key === 'ArrowDown') j = i + 1;
    else if (e.key === 'ArrowUp') j = i - 1;
    else if (e.key === 'PageDown') j = i + Math.floor(height / ROW);
    else if (e.key === 'PageUp') j = i - Math.floor(height / ROW);
    else if (e.key === 'Home' && e.ctrlKey) j = 0;
    else return;
    e.preventDefault();
    j = Math.max(0, Math.min(rows.length - 1, j));
    const el = box.current;
    if (!el) return;
    // Bring the row into view first (it may not be drawn yet), then focus its link.
    const top = j * ROW;
    if (top < el.scrollTop + ROW) el.scrollTop = Math.max(0, top - ROW);
    else if (top + 2 * ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW - el.clientHeight;
    setScrollTop(el.scrollTop);
    const focusRow = () => el.querySelector<HTMLAnchorElement>(`tr[data-index="${j}"] a.row-link`)?.focus({ preventScroll: true });
    // A drawn row takes focus now (so fast key presses add up); one not drawn yet, next frame.
    if (!el.querySelector(`tr[data-index="${j}"]`)) requestAnimationFrame(focusRow);
    else focusRow();
  };

  const ariaSort = (c: Column): 'ascending' | 'descending' | 'none' | undefined => {
    if (!c.sort) return undefined;
    if (sort !== c.sort) return 'none';
    return order === 'desc' ? 'descending' : 'ascending';
  };

  return (
    <div className={`table-box ${pages.loading && rows.length > 0 ? 'stale' : ''}`} ref={box} onScroll={onScroll}>
      <table className="table accounts-table" data-testid={T.accountsTable} aria-rowcount={pages.total ?? undefined} aria-busy={pages.loading}>
        <colgroup>
          {COLUMNS.map((c) => (
            <col key={c.key} style={{ width: c.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={ariaSort(c)} className={c.num ? 'num' : undefined}>
                {c.sort ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      onSort(
                        c.sort as string,
                        sort === c.sort ? (order === 'desc' ? 'asc' : 'desc') : (c.firstOrder ?? 'asc'),
                      )
                    }
                  >
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort === c.sort ? (order === 'desc' ? '▼' : '▲') : '↕'}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKey}>
          {start > 0 && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMNS.length} style={{ height: start * ROW }} />
            </tr>
          )}
          {rows.slice(start, end).map((a, k) => (
            <tr
              key={a.account_id}
              data-index={start + k}
              data-testid={T.accountRow}
              data-account-id={a.account_id}
              data-color={a.color ?? 'none'}
              style={{ height: ROW }}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a,button')) return;
                navigate(`/accounts/${encodeURIComponent(a.account_id)}`);
              }}
            >
              {COLUMNS.map((c) => (
                <td key={c.key} className={c.num ? 'num' : undefined}>
                  {c.cell(a)}
                </td>
              ))}
            </tr>
          ))}
          {end < rows.length && (
            <tr aria-hidden="true" className="spacer">
              <td colSpan={COLUMNS.length} style={{ height: (rows.length - end) * ROW }} />
            </tr>
          )}
          {pages.hasMore && (
            <tr className="spacer">
              <td colSpan={COLUMNS.length}>
                <Loading what="Loading more accounts" inline />
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {pages.loading && rows.length === 0 && <Loading what="Loading accounts" />}
      {!pages.loading && rows.length === 0 && !pages.error && (
        <Empty title={filtered ? 'No account matches these filters' : 'No accounts yet'}>
          {filtered ? 'Clear a filter or search for something else.' : 'Import accounts in Admin → Data import.'}
        </Empty>
      )}
    </div>
  );
}

// Requests: what customers ask product for, ranked by the revenue asking (docs/feedback.md).
// Sorting, order and every filter live in the URL (?sort=arr_at_risk&order=desc&status=new,
// &product_area=, &segment=, &q=, &min_accounts=...); a row opens the request's page.
import { Link, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as fb from '../../api/feedback';
import { Async, Empty } from '../../components/Status';
import { formatDay, formatInt, formatMoneyCompact, humanize } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { EnumSelect, RequestStatusBadge, SegmentList } from './components/RequestBits';

const COLUMNS: { key: string; label: string; money?: boolean }[] = [
  { key: 'accounts', label: 'Accounts' },
  { key: 'contacts', label: 'Contacts' },
  { key: 'arr', label: 'ARR asking', money: true },
  { key: 'blocker_arr', label: 'Blocker ARR', money: true },
  { key: 'renewing_arr', label: 'Renewing ≤180d', money: true },
  { key: 'arr_at_risk', label: 'ARR at risk', money: true },
  { key: 'red_or_yellow', label: 'Red / yellow' },
];

const FILTER_KEYS = ['status', 'product_area', 'segment', 'q', 'min_accounts', 'min_arr', 'min_arr_at_risk'];

export default function RequestsPage() {
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort') ?? 'arr_at_risk';
  const order = params.get('order') ?? 'desc';
  const query: Record<string, string> = { sort, order };
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) query[k] = v;
  }
  const key = JSON.stringify(query);
  const state = useApi((signal) => fb.listRequests(query, signal), [key]);
  const areas = useApi((signal) => fb.productAreas(signal), []);
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const sortBy = (k: string) => {
    const p = new URLSearchParams(params);
    p.set('sort', k);
    p.set('order', sort === k && order === 'desc' ? 'asc' : 'desc');
    setParams(p, { replace: true });
  };

  return (
    <div className="page" data-testid={T.productRequests}>
      <header className="page-header">
        <div>
          <h1>Requests</h1>
          <p className="muted">
            What customers ask for, with the revenue behind it. ARR at risk counts accounts that are red or yellow, or that renew within 180 days and
            called the request a blocker.
            {state.data && ` · ${formatInt(state.data.total)} requests · as of ${formatDay(state.data.as_of)}`}
          </p>
        </div>
      </header>
      <div className="filters" role="search" aria-label="Filter requests">
        <label className="inline-field">
          Status
          <select value={params.get('status') ?? ''} onChange={(e) => set('status', e.target.value)} data-testid={T.productRequestStatusFilter}>
            <option value="">any</option>
            <option value="new,under_review,planned,in_progress">open</option>
            {fb.REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Product area
          <EnumSelect values={areas.data?.product_areas ?? []} value={params.get('product_area') ?? ''} onChange={(e) => set('product_area', e.target.value)} empty="any" raw />
        </label>
        <label className="inline-field">
          Segment
          <input value={params.get('segment') ?? ''} onChange={(e) => set('segment', e.target.value)} placeholder="e.g. enterprise" size={12} />
        </label>
        <label className="inline-field">
          Words
          <input value={params.get('q') ?? ''} onChange={(e) => set('q', e.target.value)} placeholder="title or description" size={16} data-testid={T.productRequestSearch} />
        </label>
        <label className="inline-field">
          At least
          <input type="number" min={0} value={params.get('min_accounts') ?? ''} onChange={(e) => set('min_accounts', e.target.value)} size={4} />
          accounts
        </label>
        <label className="inline-field">
          ARR at risk ≥
          <input type="number" min={0} value={params.get('min_arr_at_risk') ?? ''} onChange={(e) => set('min_arr_at_risk', e.target.value)} size={8} />
        </label>
      </div>
      <Async state={state} what="the requests">
        {(d) =>
          d.requests.length === 0 ? (
            <Empty title="No request matches">Requests appear when CSMs log feedback and link it, or when feedback.csv is imported.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">
                    <button type="button" className="link" onClick={() => sortBy('title')}>
                      Request
                    </button>
                  </th>
                  <th scope="col">Status</th>
                  {COLUMNS.map((c) => (
                    <th key={c.key} scope="col" className="num" aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
                      <button type="button" className="link" onClick={() => sortBy(c.key)} data-testid={`sort-${c.key}`}>
                        {c.label}
                        {sort === c.key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                      </button>
                    </th>
                  ))}
                  <th scope="col">Segments</th>
                </tr>
              </thead>
              <tbody>
                {d.requests.map((r) => (
                  <tr key={r.request_id} data-testid={T.productRequestRow} data-request-id={r.request_id}>
                    <td>
                      <Link to={`/requests/${r.request_id}`}>
                        <strong>{r.title}</strong>
                      </Link>
                      <div className="muted small">
                        #{r.request_id}
                        {r.product_area && ` · ${r.product_area}`} · {formatInt(r.items)} items
                      </div>
                    </td>
                    <td>
                      <RequestStatusBadge status={r.status} />
                    </td>
                    {COLUMNS.map((c) => {
                      const v = r[c.key as keyof fb.RankedRequest] as number;
                      return (
                        <td key={c.key} className="num" data-figure={c.key}>
                          {c.money ? formatMoneyCompact(v) : formatInt(v)}
                        </td>
                      );
                    })}
                    <td className="small">
                      <SegmentList segments={r.segments} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </div>
  );
}

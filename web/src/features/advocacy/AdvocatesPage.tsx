// Advocates by tier: each tier with its members against its capacity ("11 / 12"), and each
// advocate's status, consent, asks this quarter against the tier's cap, when they were last
// asked, what they gave and got back in 180 days, and the extraction warning. Filters (tier,
// status, only warnings, only active advocates at or over their cap) live in the URL.
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import { ADVOCACY_TIERS, type Advocate, type AdvocacyTierSummary } from '../../api/types';
import { ColorDot } from '../../components/Health';
import { Async, Empty } from '../../components/Status';
import { formatDateTime, formatInt } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { capacityText, daysSince, formatUnits, loadOf, tierLabel, tierOrder } from './advocacy';
import { AdvocateStatusTag, ExtractionBadge, Load } from './components/AdvocacyBits';

const STATUSES = ['invited', 'active', 'paused', 'retired'];

export default function AdvocatesPage() {
  const [params, setParams] = useSearchParams();
  const tier = params.get('tier') ?? '';
  const status = params.get('status') ?? '';
  const warning = params.get('warning') === '1';
  const over = params.get('load') === 'over';
  const state = useApi((signal) => api.listAdvocates({ tier, status }, signal), [tier, status]);
  // Tier facts (label, commitment, capacity and counts) come with the program.
  const program = useApi((signal) => api.advocacyProgram(undefined, signal), []);

  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p);
  };

  const shown = useMemo(
    () => (state.data?.advocates ?? []).filter((a) => (!warning || a.extraction_warning) && (!over || (a.status === 'active' && loadOf(a.asks_this_quarter, a.quarterly_cap) !== 'ok'))),
    [state.data, warning, over],
  );
  const groups = useMemo(() => {
    const m = new Map<string, Advocate[]>();
    const tiers = tier ? [tier] : warning || over ? [] : [...ADVOCACY_TIERS, ...(program.data?.tiers.map((t) => t.tier) ?? [])];
    for (const t of tiers) m.set(t, []);
    for (const a of shown) {
      const k = a.tier ?? '';
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(a);
    }
    return [...m.entries()].sort(([a], [b]) => tierOrder(a, b));
  }, [shown, tier, warning, over, program.data]);
  const tierInfo = (t: string) => program.data?.tiers.find((x) => x.tier === t);

  return (
    <div className="page" data-testid={T.advocates}>
      <header className="page-header">
        <div>
          <h1>Advocates</h1>
          <p className="muted">
            By tier, with each advocate's load and what the program gave back
            {state.data && ` · ${formatInt(shown.length)} shown`}
          </p>
        </div>
      </header>
      <div className="filters" role="search" aria-label="Filter advocates">
        <label className="inline-field">
          Tier
          <select value={tier} onChange={(e) => set('tier', e.target.value || null)}>
            <option value="">all tiers</option>
            {ADVOCACY_TIERS.map((t) => (
              <option key={t} value={t}>
                {tierLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Status
          <select value={status} onChange={(e) => set('status', e.target.value || null)}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={warning} onChange={(e) => set('warning', e.target.checked ? '1' : null)} /> only extraction warnings
        </label>
        <label className="check">
          <input type="checkbox" checked={over} onChange={(e) => set('load', e.target.checked ? 'over' : null)} /> only at or over their cap
        </label>
      </div>
      <Async state={state} what="the advocates">
        {() =>
          groups.length === 0 ? (
            <Empty title="No advocate matches">{warning || over ? 'Nobody is over their cap or short of give-backs.' : 'Invite candidates from the queue.'}</Empty>
          ) : (
            <>
              {groups.map(([t, list]) => (
                <TierGroup key={t || 'none'} tier={t} info={tierInfo(t)} advocates={list} filtered={Boolean(status || warning || over)} />
              ))}
            </>
          )
        }
      </Async>
    </div>
  );
}

function TierGroup({ tier, info, advocates, filtered }: { tier: string; info?: AdvocacyTierSummary; advocates: Advocate[]; filtered: boolean }) {
  // Members against capacity: the program's count of active members, else the list's.
  const active = info?.active ?? advocates.filter((a) => a.status === 'active').length;
  const capacity = info?.capacity ?? null;
  const id = `tier-${tier || 'none'}`;
  return (
    <section className="card" aria-labelledby={id} data-testid={T.tierGroup} data-tier={tier}>
      <header className="card-header">
        <h2 id={id}>
          {tier ? info?.label || tierLabel(tier) : 'No tier'}{' '}
          <span className="tier-capacity" data-testid={T.tierCapacity} title="Active members against the tier's capacity">
            {capacityText(active, capacity)}
            {capacity === null && ' active'}
          </span>
          {info && info.min_members !== null && active < info.min_members && <span className="tag warn-tag">below the minimum of {info.min_members}</span>}
        </h2>
        <span className="muted small">
          {info ? `cap ${info.quarterly_cap} a quarter · ${info.invited} invited · ${info.paused} paused` : ''}
        </span>
      </header>
      {info?.commitment && <p className="muted small">{info.commitment}{info.benefits ? ` — in return: ${info.benefits}` : ''}</p>}
      {advocates.length === 0 ? (
        <p className="muted">{filtered ? 'Nobody in this tier matches the filters.' : 'Nobody in this tier yet.'}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">Advocate</th>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Consent</th>
              <th scope="col" className="num">
                Asks this quarter
              </th>
              <th scope="col">Last asked</th>
              <th scope="col">Gave / got back (180 days)</th>
            </tr>
          </thead>
          <tbody>
            {advocates.map((a) => (
              <AdvocateRow key={a.contact_id} a={a} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function AdvocateRow({ a }: { a: Advocate }) {
  const ago = daysSince(a.last_asked_at);
  return (
    <tr data-testid={T.advocateRow} data-contact-id={a.contact_id} data-status={a.status} data-tier={a.tier ?? ''} data-warning={a.extraction_warning}>
      <td>
        <Link to={`/advocacy/advocates/${encodeURIComponent(a.contact_id)}`}>
          <strong>{a.name}</strong>
        </Link>
        <div className="muted small">{a.title}</div>
      </td>
      <td>
        <ColorDot color={a.account_color} /> <Link to={`/accounts/${encodeURIComponent(a.account_id)}`}>{a.account_name || a.account_id}</Link>
      </td>
      <td>
        <AdvocateStatusTag status={a.status} />
      </td>
      <td>{a.consent ? <span title={`since ${formatDateTime(a.consent_at)}`}>✓ yes</span> : <span className="muted">not yet</span>}</td>
      <td className="num">
        <Load asks={a.asks_this_quarter} cap={a.quarterly_cap} />
      </td>
      <td>
        {a.last_asked_at ? (
          <span title={formatDateTime(a.last_asked_at)}>{ago === null ? formatDateTime(a.last_asked_at) : ago === 0 ? 'today' : `${ago} days ago`}</span>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td>
        gave {formatUnits(a.gave_180d)} · got {formatUnits(a.received_180d)} <ExtractionBadge on={a.extraction_warning} />
      </td>
    </tr>
  );
}

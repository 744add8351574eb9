// The scorecard: group scores, then each measure's value, score, weight, 90-day sparkline and
// how the value was computed (the metric expression and the scoring method).
import { Fragment, useMemo, useState } from 'react';
import { T } from '../../../../e2e/selectors.mjs';
import type { Account360, Measure } from '../../../api/types';
import { HealthBadge } from '../../../components/Health';
import { Sparkline } from '../../../components/Sparkline';
import { Empty } from '../../../components/Status';
import { formatDay, formatNumber, formatScore } from '../../../lib/format';

const SCORING: Record<string, string> = {
  steps: 'steps: each range of the value gives a fixed score',
  linear: 'linear: the score grows in proportion to the value between two bounds',
  manual: 'set by hand',
};

export function ScorecardPanel({ d }: { d: Account360 }) {
  const [cardName, setCardName] = useState(d.scorecards[0]?.name ?? '');
  const card = d.scorecards.find((s) => s.name === cardName) ?? d.scorecards[0];
  const history = useMemo(() => d.history.filter((h) => h.scorecard === card?.name).sort((x, y) => x.date.localeCompare(y.date)), [d.history, card?.name]);
  if (!card) return <Empty title="No scorecard yet">An admin can define one in Admin → Definitions.</Empty>;
  const groups = card.groups;
  const byGroup = (g: string) => card.measures.filter((m) => m.group === g);
  const ungrouped = card.measures.filter((m) => !groups.some((g) => g.name === m.group));
  const totalWeight = card.measures.reduce((s, m) => s + (m.score === null ? 0 : m.weight), 0);
  return (
    <section data-testid={T.scorecard} aria-label={card.label}>
      <div className="scorecard-head">
        {d.scorecards.length > 1 && (
          <label className="inline-field">
            Scorecard
            <select value={card.name} onChange={(e) => setCardName(e.target.value)}>
              {d.scorecards.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.label || s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="group-scores">
          <div className="group-score">
            <span className="muted small">Overall</span>
            <HealthBadge color={card.color} overall={card.overall} />
            <Sparkline values={history.map((h) => h.overall)} label={`Overall score over ${history.length} days`} width={100} />
          </div>
          {groups.map((g) => (
            <div key={g.name} className="group-score">
              <span className="muted small">{g.label}</span>
              <strong>{formatScore(g.score)}</strong>
            </div>
          ))}
        </div>
      </div>
      <table className="table scorecard-table">
        <colgroup>
          <col style={{ width: '24%' }} />
          <col style={{ width: '9%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '11%' }} />
          <col style={{ width: '15%' }} />
          <col style={{ width: '24%' }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">Value</th>
            <th scope="col">Score</th>
            <th scope="col" className="num">Weight</th>
            <th scope="col">Last 90 days</th>
            <th scope="col">How it is computed</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => {
            const ms = byGroup(g.name);
            if (ms.length === 0) return null;
            return (
              <Fragment key={g.name}>
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={6}>
                    {g.label} <span className="muted small">{formatScore(g.score)}</span>
                  </th>
                </tr>
                {ms.map((m) => (
                  <MeasureRow key={m.name} m={m} history={history} totalWeight={totalWeight} />
                ))}
              </Fragment>
            );
          })}
          {ungrouped.map((m) => (
            <MeasureRow key={m.name} m={m} history={history} totalWeight={totalWeight} />
          ))}
        </tbody>
      </table>
      {history.length > 0 && (
        <p className="muted small">
          History from {formatDay(history[0].date)} to {formatDay(history[history.length - 1].date)}; a measure without a value does not count towards the overall score.
        </p>
      )}
    </section>
  );
}

function formatValue(v: number | null): string {
  if (v === null) return '—';
  if (Math.abs(v) < 10 && !Number.isInteger(v)) return v.toFixed(2);
  return formatNumber(v);
}

function MeasureRow({ m, history, totalWeight }: { m: Measure; history: Account360['history']; totalWeight: number }) {
  const scores = history.map((h) => h.measures[m.name]?.score ?? null);
  const share = m.score !== null && totalWeight > 0 ? Math.round((100 * m.weight) / totalWeight) : null;
  return (
    <tr data-testid={T.measureRow} data-measure={m.name}>
      <th scope="row">
        {m.label || m.name}
        {m.manual && <span className="tag">set by hand</span>}
      </th>
      <td className="num">{formatValue(m.value)}</td>
      <td>
        <ScoreBar score={m.score} />
      </td>
      <td className="num">
        {formatNumber(m.weight)}
        {share !== null && <div className="muted small nowrap" title="share of the overall score">{share}%</div>}
      </td>
      <td>
        <Sparkline values={scores} width={100} label={`${m.label} score over the last ${scores.length} days`} />
      </td>
      <td>
        <details className="how">
          <summary>
            <code>{m.computed_as || m.name}</code>
          </summary>
          <div className="how-body">
            <p>
              Value: <code>{m.computed_as || m.name}</code>
              {m.value === null ? ' (no data for this account, so it is left out)' : ` = ${formatValue(m.value)}`}
            </p>
            <p>Scoring: {SCORING[m.scoring] ?? m.scoring}</p>
            {m.description && <p>{m.description}</p>}
            {m.manual && <p>This score was set by hand (tend override) and replaces the computed one.</p>}
          </div>
        </details>
      </td>
    </tr>
  );
}

function ScoreBar({ score }: { score: number | null }) {
  if (score === null) return <span className="muted">not scored</span>;
  return (
    <span className="scorebar" title={`${formatScore(score)} of 100`}>
      <span className="scorebar-fill" style={{ width: `${Math.max(2, Math.min(100, score))}%` }} />
      <span className="scorebar-text">{formatScore(score)}</span>
    </span>
  );
}

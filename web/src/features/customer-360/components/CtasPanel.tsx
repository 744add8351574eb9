// The account's CTAs: open ones with their playbook tasks (complete them here), closed ones
// with the reason, and a form to raise a CTA by hand.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../../e2e/selectors.mjs';
import type { Account360 } from '../../../api/types';
import { PriorityTag, StatusTag } from '../../../components/CtaBits';
import { Empty } from '../../../components/Status';
import { TaskList } from '../../../components/TaskList';
import { formatDateTime, formatShortDay, humanize } from '../../../lib/format';
import { NewCtaForm } from '../../cockpit/components/NewCtaForm';

export function CtasPanel({
  d,
  canWork,
  canOpen,
  onChange,
}: {
  d: Account360;
  canWork: boolean;
  canOpen: boolean; // the cockpit is open to the role (not to sales)
  onChange: () => void;
}) {
  const [adding, setAdding] = useState(false);
  const { open, closed } = d.ctas ?? { open: [], closed: [] };
  return (
    <section data-testid={T.ctaList} aria-label="CTAs">
      {canWork &&
        (adding ? (
          <NewCtaForm
            accountId={d.account.account_id}
            defaultOwner={d.account.csm}
            onDone={(created) => {
              setAdding(false);
              if (created) onChange();
            }}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            New CTA
          </button>
        ))}
      <h2 className="section-title">Open ({open.length})</h2>
      {open.length === 0 ? (
        <Empty title="No open CTAs" />
      ) : (
        <ul className="cta-cards">
          {open.map((c) => (
            <li key={c.cta_id} className="card cta-card" data-testid={T.ctaRow} data-cta-id={c.cta_id}>
              <div className="cta-card-head">
                <PriorityTag priority={c.priority} />
                {canOpen ? (
                  <Link to={`/cockpit/ctas/${c.cta_id}`} className="cta-title">
                    {c.title}
                  </Link>
                ) : (
                  <span className="cta-title">{c.title}</span>
                )}
                <StatusTag status={c.status} snoozedUntil={c.snoozed_until} />
              </div>
              <p className="muted small">
                {humanize(c.type)} · {c.owner || 'no owner'} · {c.due_date ? `due ${formatShortDay(c.due_date)}` : 'no due date'}
                {c.rule && ` · raised by rule ${c.rule}`}
              </p>
              {c.tasks.length > 0 && <TaskList tasks={c.tasks} canWork={canWork} onDone={onChange} />}
            </li>
          ))}
        </ul>
      )}
      <h2 className="section-title">Closed ({closed.length})</h2>
      {closed.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">CTA</th>
              <th scope="col">Reason</th>
              <th scope="col">Closed</th>
              <th scope="col">Tasks</th>
            </tr>
          </thead>
          <tbody>
            {closed.map((c) => (
              <tr key={c.cta_id} data-testid={T.ctaRow} data-cta-id={c.cta_id}>
                <td>
                  {canOpen ? <Link to={`/cockpit/ctas/${c.cta_id}`}>{c.title}</Link> : c.title}
                </td>
                <td>{humanize(c.close_reason) || '—'}</td>
                <td>{formatDateTime(c.closed_at)}</td>
                <td>{c.tasks.length ? `${c.tasks.filter((t) => t.status === 'done').length} of ${c.tasks.length} done` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

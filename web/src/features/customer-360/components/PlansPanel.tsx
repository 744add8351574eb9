// Success plans: objectives with their status and tasks; a new plan from a template.
import { useState } from 'react';
import * as api from '../../../api/endpoints';
import { OBJECTIVE_STATUSES, type Plan } from '../../../api/types';
import { Empty } from '../../../components/Status';
import { TaskList } from '../../../components/TaskList';
import { useToast } from '../../../components/Toasts';
import { describeError } from '../../../lib/errors';
import { formatShortDay, humanize } from '../../../lib/format';
import { useApi } from '../../../lib/useApi';

export function PlansPanel({
  accountId,
  plans,
  canWrite,
  onChange,
}: {
  accountId: string;
  plans: Plan[];
  canWrite: boolean;
  onChange: () => void;
}) {
  const toast = useToast();
  const templates = useApi((signal) => (canWrite ? api.playbooks(signal) : Promise.resolve(null)), [canWrite]);
  const [template, setTemplate] = useState('');
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!template) return;
    setBusy(true);
    try {
      await api.createPlan(accountId, template);
      toast({ kind: 'success', text: 'Success plan created.' });
      setTemplate('');
      onChange();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'create success plans here') });
    } finally {
      setBusy(false);
    }
  };

  const setStatus = async (objectiveId: number, status: string) => {
    try {
      await api.setObjectiveStatus(objectiveId, status);
      onChange();
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'change this objective') });
    }
  };

  return (
    <section aria-label="Success plans">
      {canWrite && templates.data && (
        <div className="inline-form">
          <label className="inline-field">
            New plan from
            <select value={template} onChange={(e) => setTemplate(e.target.value)}>
              <option value="">choose a template…</option>
              {templates.data.plan_templates.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.label || t.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="primary small" disabled={!template || busy} onClick={() => void create()}>
            Create plan
          </button>
        </div>
      )}
      {plans.length === 0 ? (
        <Empty title="No success plans yet" />
      ) : (
        plans.map((p) => (
          <article key={p.plan_id} className="card plan">
            <header className="card-header">
              <h2>{p.name || humanize(p.template)}</h2>
              <span className="tag">{humanize(p.status)}</span>
            </header>
            <ol className="objectives">
              {p.objectives.map((o) => (
                <li key={o.objective_id} className="objective">
                  <div className="objective-head">
                    <strong>{o.title}</strong>
                    {o.due_date && <span className="muted small"> due {formatShortDay(o.due_date)}</span>}
                    {canWrite ? (
                      <label className="inline-field small">
                        <span className="sr-only">Status of {o.title}</span>
                        <select value={o.status} onChange={(e) => void setStatus(o.objective_id, e.target.value)}>
                          {OBJECTIVE_STATUSES.map((s) => (
                            <option key={s} value={s}>
                              {humanize(s)}
                            </option>
                          ))}
                        </select>
                      </label>
                    ) : (
                      <span className={`tag objective-${o.status}`}>{humanize(o.status)}</span>
                    )}
                  </div>
                  <TaskList tasks={o.tasks ?? []} canWork={canWrite} onDone={onChange} />
                </li>
              ))}
            </ol>
          </article>
        ))
      )}
    </section>
  );
}

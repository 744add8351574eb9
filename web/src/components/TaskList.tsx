// A CTA's or objective's tasks: a checkbox completes a task (tend has no "reopen").
import { useState } from 'react';
import { T } from '../../e2e/selectors.mjs';
import * as api from '../api/endpoints';
import type { Task } from '../api/types';
import { describeError } from '../lib/errors';
import { formatDateTime, formatShortDay } from '../lib/format';
import { useToast } from './Toasts';

export function TaskList({ tasks, canWork, onDone }: { tasks: Task[]; canWork: boolean; onDone: (t: Task) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState<number | null>(null);
  if (tasks.length === 0) return <p className="muted small">No tasks.</p>;
  const complete = async (t: Task) => {
    setBusy(t.task_id);
    try {
      const updated = await api.updateTask(t.task_id, { status: 'done' });
      onDone({ ...t, ...updated, status: 'done' });
    } catch (err) {
      toast({ kind: 'error', text: describeError(err, 'complete this task') });
    } finally {
      setBusy(null);
    }
  };
  const sorted = [...tasks].sort((a, b) => a.position - b.position);
  return (
    <ul className="tasks">
      {sorted.map((t) => {
        const done = t.status === 'done';
        return (
          <li key={t.task_id} className={done ? 'task done' : 'task'} data-testid={T.taskItem} data-status={t.status}>
            <label className="check">
              <input
                type="checkbox"
                checked={done}
                disabled={done || !canWork || busy === t.task_id}
                onChange={() => void complete(t)}
                data-testid={T.taskDone}
                aria-label={done ? `${t.title} (done)` : `Mark “${t.title}” done`}
              />
              <span className="task-title">{t.title}</span>
            </label>
            <span className="muted small">
              {t.owner && `${t.owner} · `}
              {done ? `done ${formatDateTime(t.completed_at)}` : t.due_date ? `due ${formatShortDay(t.due_date)}` : ''}
            </span>
            {t.notes && <p className="small task-notes">{t.notes}</p>}
          </li>
        );
      })}
    </ul>
  );
}

// Small pieces shared by the cockpit and the Customer 360: priority and status tags.
import { humanize } from '../lib/format';

export function PriorityTag({ priority }: { priority: string }) {
  return <span className={`tag priority-${priority}`}>{humanize(priority)}</span>;
}

export function StatusTag({ status, snoozedUntil }: { status: string; snoozedUntil?: string | null }) {
  if (snoozedUntil && status !== 'closed') return <span className="tag status-snoozed">Snoozed</span>;
  return <span className={`tag status-${status}`}>{humanize(status)}</span>;
}

// Small pieces the request pages and the Customer 360's feedback tab share.
import { humanize } from '../../../lib/format';

export function RequestStatusBadge({ status }: { status: string }) {
  return (
    <span className={`tag request-status status-${status}`} data-status={status}>
      {humanize(status)}
    </span>
  );
}

export function SegmentList({ segments }: { segments: Record<string, number> }) {
  const entries = Object.entries(segments).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return <span className="muted">—</span>;
  return <>{entries.map(([s, n]) => `${humanize(s)} ${n}`).join(' · ')}</>;
}

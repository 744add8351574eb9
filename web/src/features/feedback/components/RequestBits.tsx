// Small pieces the request pages and the Customer 360's feedback tab share.
import type { ChangeEvent } from 'react';
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

// A <select> of a fixed vocabulary, its values shown humanized; `empty` adds a first option
// with the value "" and that label.
export function EnumSelect({
  values,
  value,
  onChange,
  empty,
  raw,
  testId,
}: {
  values: readonly string[];
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  empty?: string;
  raw?: boolean; // show the values as they are (names, not codes)
  testId?: string;
}) {
  return (
    <select value={value} onChange={onChange} data-testid={testId}>
      {empty !== undefined && <option value="">{empty}</option>}
      {values.map((v) => (
        <option key={v} value={v}>
          {raw ? v : humanize(v)}
        </option>
      ))}
    </select>
  );
}

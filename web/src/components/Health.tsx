// Health colors and scores: a dot with words (never color alone) and the score.
import { formatChange, formatScore } from '../lib/format';

const LABELS: Record<string, string> = { red: 'Red', yellow: 'Yellow', green: 'Green', none: 'Not scored' };

export function colorOf(c: string | null | undefined): string {
  return c && c in LABELS ? c : 'none';
}

export function colorLabel(c: string | null | undefined): string {
  return LABELS[colorOf(c)];
}

export function HealthBadge({ color, overall, testId }: { color: string | null | undefined; overall?: number | null; testId?: string }) {
  const c = colorOf(color);
  return (
    <span className={`health health-${c}`} title={`${colorLabel(c)} health`} data-testid={testId}>
      <span className="dot" aria-hidden="true" />
      <span className="health-score">{overall === undefined ? colorLabel(c) : formatScore(overall)}</span>
      <span className="sr-only">{` (${colorLabel(c)})`}</span>
    </span>
  );
}

export function ColorDot({ color }: { color: string | null | undefined }) {
  const c = colorOf(color);
  return <span className={`dot dot-${c}`} aria-label={colorLabel(c)} role="img" />;
}

export function Change({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  const v = Math.round(value * 10) / 10; // the sign of what is shown
  const cls = v < 0 ? 'change-down' : v > 0 ? 'change-up' : 'muted';
  return (
    <span className={cls}>
      {v < 0 ? '▼ ' : v > 0 ? '▲ ' : ''}
      {formatChange(v)}
    </span>
  );
}

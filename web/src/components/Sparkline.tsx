// A small SVG line of a series (e.g. a measure's score over 90 days). Nulls break the line.
export function Sparkline({
  values,
  width = 120,
  height = 28,
  min = 0,
  max = 100,
  label,
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
  min?: number;
  max?: number;
  label: string;
}) {
  const n = values.length;
  if (n === 0 || values.every((v) => v === null)) {
    return <span className="muted small">no history</span>;
  }
  const lo = Math.min(min, ...values.filter((v): v is number => v !== null));
  const hi = Math.max(max, ...values.filter((v): v is number => v !== null));
  const x = (i: number) => (n === 1 ? width / 2 : (i / (n - 1)) * (width - 4) + 2);
  const y = (v: number) => height - 2 - ((v - lo) / (hi - lo || 1)) * (height - 4);
  const segments: string[] = [];
  let cur = '';
  values.forEach((v, i) => {
    if (v === null) {
      if (cur) segments.push(cur);
      cur = '';
      return;
    }
    cur += `${cur ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (cur) segments.push(cur);
  const lastIndex = values.map((v, i) => (v === null ? -1 : i)).filter((i) => i >= 0).pop() ?? 0;
  const last = values[lastIndex] as number;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      {segments.map((d, i) => (
        <path key={i} d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
      ))}
      <circle cx={x(lastIndex)} cy={y(last)} r="2.5" fill="currentColor" />
    </svg>
  );
}

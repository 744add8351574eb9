// When the account's health changed color, newest first.
import type { ColorChange } from '../../../api/types';
import { HealthBadge } from '../../../components/Health';
import { Empty } from '../../../components/Status';
import { formatDay } from '../../../lib/format';

export function ColorHistory({ changes }: { changes: ColorChange[] }) {
  if (changes.length === 0) return <Empty title="No color changes in the stored history" />;
  const sorted = [...changes].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Scorecard</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c, i) => (
          <tr key={`${c.date}-${c.scorecard}-${i}`}>
            <td>{formatDay(c.date)}</td>
            <td>
              <HealthBadge color={c.from} />
            </td>
            <td>
              <HealthBadge color={c.to} />
            </td>
            <td>{c.scorecard}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// A status filter kept in the page's URL (?status=...), for the log pages (webhook
// deliveries, the outbox).
import { useSearchParams } from 'react-router-dom';

export function useStatusParam(): [string, (status: string) => void] {
  const [params, setParams] = useSearchParams();
  return [params.get('status') ?? '', (status) => setParams(status ? { status } : {})];
}

export function StatusFilter({ value, statuses, onChange }: { value: string; statuses: string[]; onChange: (status: string) => void }) {
  return (
    <label className="inline-field">
      Status
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">all</option>
        {statuses.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}

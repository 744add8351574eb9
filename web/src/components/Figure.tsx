// A headline figure on a card: label, value and a note (the survey page).
export function Figure({ label, value, note, testId }: { label: string; value: string; note: string; testId?: string }) {
  return (
    <div className="card kpi" data-testid={testId}>
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{value}</span>
      <span className="kpi-note">{note}</span>
    </div>
  );
}

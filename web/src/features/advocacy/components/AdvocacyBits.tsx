// Small pieces the advocacy pages share: status and tier tags, the extraction warning badge,
// an advocate's load against their cap, ranked reasons, and a dialog asking for one text
// (a reason, an outcome) before an action.
import { useEffect, useState, type ReactNode } from 'react';
import { T } from '../../../../e2e/selectors.mjs';
import type { AdvocacyReason } from '../../../api/types';
import { Dialog } from '../../../components/Dialog';
import { humanize } from '../../../lib/format';
import { loadOf, loadText, tierLabel } from '../advocacy';

export function AdvocateStatusTag({ status }: { status: string }) {
  return <span className={`tag adv-${status}`}>{status === 'none' ? 'Not in the program' : humanize(status)}</span>;
}

export function RequestStatusTag({ status }: { status: string }) {
  return <span className={`tag req-${status}`}>{humanize(status)}</span>;
}

export function TierTag({ tier }: { tier: string | null }) {
  if (!tier) return <span className="muted">no tier</span>;
  return <span className="tag tier-tag">{tierLabel(tier)}</span>;
}

// Shown wherever an advocate appears while the program takes more than it gives back.
export function ExtractionBadge({ on, title }: { on: boolean; title?: string }) {
  if (!on) return null;
  return (
    <span className="tag extraction-badge" data-testid={T.extractionBadge} title={title ?? 'The program asked for more than it gave back in the last 180 days'}>
      ⚠ Extraction warning
    </span>
  );
}

// Asks this quarter against the tier's cap, marked at and over the cap.
export function Load({ asks, cap }: { asks: number; cap: number | null }) {
  const load = loadOf(asks, cap);
  const words = load === 'over' ? ' (over the cap)' : load === 'full' ? ' (at the cap)' : '';
  return (
    <span className={`load load-${load}`} data-testid={T.advocateLoad} data-asks={asks} title={`Asks this quarter${cap === null ? '' : ` against a cap of ${cap}`}`}>
      {loadText(asks, cap)}
      {words && <span className="small">{words}</span>}
    </span>
  );
}

// Signals with their points, best first: why a contact ranks where it does.
export function Reasons({ reasons, testId }: { reasons: AdvocacyReason[]; testId?: string }) {
  if (reasons.length === 0) return <span className="muted">no signals</span>;
  return (
    <ul className="reasons">
      {[...reasons]
        .sort((a, b) => b.points - a.points)
        .map((r, i) => (
          <li key={`${r.signal}-${i}`} data-testid={testId} data-signal={r.signal}>
            <span className={`points ${r.points < 0 ? 'points-neg' : ''}`}>
              {r.points > 0 ? '+' : ''}
              {r.points}
            </span>{' '}
            {r.text || humanize(r.signal)}
          </li>
        ))}
    </ul>
  );
}

// One text to give before an action (a decline's reason, a completion's outcome).
export function TextDialog({
  open,
  title,
  label,
  intro,
  submitLabel,
  required = true,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  label: string;
  intro?: ReactNode;
  submitLabel: string;
  required?: boolean;
  onClose: () => void;
  onSubmit: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) setText('');
  }, [open]);
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const ok = await onSubmit(text.trim());
          setBusy(false);
          if (ok) onClose();
        }}
      >
        {intro && <p className="muted">{intro}</p>}
        <label className="field">
          <span>{label}</span>
          <textarea rows={3} required={required} value={text} onChange={(e) => setText(e.target.value)} data-testid={T.answerText} autoFocus />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || (required && !text.trim())} data-testid={T.answerSubmit}>
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

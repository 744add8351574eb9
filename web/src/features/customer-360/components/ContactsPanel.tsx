// Contacts with role, seniority and advocacy status. The server has no advocacy field for a
// contact yet (see README, API gaps), so the status is taken from the contact's advocacy
// activities on the timeline (reference calls, case studies, speaking, advisory board). Each
// contact links to their advocacy profile for the roles that read the program.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { T } from '../../../../e2e/selectors.mjs';
import * as api from '../../../api/endpoints';
import type { Contact, TimelineEntry } from '../../../api/types';
import { Empty } from '../../../components/Status';
import { formatDateTime, humanize } from '../../../lib/format';
import { useApi } from '../../../lib/useApi';

const ADVOCACY_TYPES = ['reference_call', 'case_study', 'speaking', 'advisory_board'];
const SENIORITY_ORDER = ['c_level', 'vp', 'director', 'manager', 'individual'];

export function ContactsPanel({
  accountId,
  contacts,
  canSeeTimeline,
  canSeeAdvocacy = false,
}: {
  accountId: string;
  contacts: Contact[];
  canSeeTimeline: boolean;
  canSeeAdvocacy?: boolean;
}) {
  const advocacy = useApi(
    (signal) =>
      canSeeTimeline
        ? api.timeline(accountId, { type: ADVOCACY_TYPES.join(','), limit: 200 }, signal)
        : Promise.resolve({ entries: [] as TimelineEntry[] }),
    [accountId, canSeeTimeline],
  );
  const latest = useMemo(() => {
    const m = new Map<string, TimelineEntry>();
    for (const e of advocacy.data?.entries ?? []) if (e.contact_id && !m.has(e.contact_id)) m.set(e.contact_id, e);
    return m;
  }, [advocacy.data]);
  const sorted = useMemo(
    () =>
      [...contacts].sort(
        (a, b) =>
          (a.role === 'champion' ? 0 : 1) - (b.role === 'champion' ? 0 : 1) ||
          rank(a.seniority) - rank(b.seniority) ||
          a.name.localeCompare(b.name),
      ),
    [contacts],
  );
  if (contacts.length === 0) return <Empty title="No contacts yet">Contacts come from imports and identify calls.</Empty>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Title</th>
          <th scope="col">Role</th>
          <th scope="col">Seniority</th>
          <th scope="col">Advocacy</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => {
          const adv = latest.get(c.contact_id);
          return (
            <tr key={c.contact_id}>
              <td>
                <strong>
                  {canSeeAdvocacy ? (
                    <Link to={`/advocacy/advocates/${encodeURIComponent(c.contact_id)}`} data-testid={T.contactAdvocacyLink} title="Advocacy profile">
                      {c.name}
                    </Link>
                  ) : (
                    c.name
                  )}
                </strong>
                {c.email && (
                  <div className="small">
                    <a href={`mailto:${c.email}`}>{c.email}</a>
                  </div>
                )}
              </td>
              <td>{c.title || '—'}</td>
              <td>{c.role ? <span className={`tag role-${c.role}`}>{humanize(c.role)}</span> : '—'}</td>
              <td>{humanize(c.seniority) || '—'}</td>
              <td>
                {c.advocacy_status ? (
                  humanize(c.advocacy_status)
                ) : adv ? (
                  <>
                    Advocate <span className="muted small">({humanize(adv.type).toLowerCase()}, {formatDateTime(adv.ts)})</span>
                  </>
                ) : (
                  <span className="muted">{advocacy.loading ? '…' : 'not yet'}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function rank(s: string): number {
  const i = SENIORITY_ORDER.indexOf(s);
  return i < 0 ? SENIORITY_ORDER.length : i;
}

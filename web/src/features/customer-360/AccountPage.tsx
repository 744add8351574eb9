// Customer 360: one account's facts, scorecard, timeline, CTAs, success plans, contacts and
// color changes. The tab is in the URL (?tab=timeline); the health updates live.
import { useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { T } from '../../../e2e/selectors.mjs';
import * as api from '../../api/endpoints';
import type { Account360 } from '../../api/types';
import { Change, HealthBadge } from '../../components/Health';
import { ErrorMessage, Loading } from '../../components/Status';
import { FeedbackPanel } from '../feedback/FeedbackPanel';
import { Tabs, useTab, type TabDef } from '../../components/Tabs';
import { useToast } from '../../components/Toasts';
import { useLiveEvent } from '../../live/LiveContext';
import { formatDay, formatScore } from '../../lib/format';
import { can } from '../../lib/roles';
import { useApi } from '../../lib/useApi';
import { isNotFound } from '../../lib/errors';
import { useUser } from '../../session/SessionContext';
import { ColorHistory } from './components/ColorHistory';
import { ContactsPanel } from './components/ContactsPanel';
import { CtasPanel } from './components/CtasPanel';
import { Facts } from './components/Facts';
import { PlansPanel } from './components/PlansPanel';
import { PredictionsPanel } from './components/PredictionsPanel';
import { ScorecardPanel } from './components/ScorecardPanel';
import { TimelinePanel } from './components/TimelinePanel';
import { RevenuePanel } from '../revenue/RevenuePanel';

export default function AccountPage() {
  const { id = '' } = useParams();
  const state = useApi((signal) => api.account360(id, signal), [id]);
  const toast = useToast();
  const user = useUser();

  // A score change or a new CTA for this account: reload the bundle (once per burst).
  const timer = useRef<number | null>(null);
  const reloadSoon = () => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      state.reload();
    }, 500);
  };
  useLiveEvent('score', (e) => {
    if (e.account_id !== id) return;
    state.setData((old) =>
      old
        ? {
            ...old,
            account: { ...old.account, overall: e.overall, color: e.color },
            scorecards: old.scorecards.map((s) => (s.name === e.scorecard ? { ...s, overall: e.overall, color: e.color } : s)),
          }
        : old,
    );
    toast({ kind: 'info', key: `score-${id}`, text: `Health of this account is now ${formatScore(e.overall)} (was ${formatScore(e.previous_overall)}).` });
    reloadSoon();
  });
  useLiveEvent('cta', (e) => e.account_id === id && reloadSoon());
  useLiveEvent('cta_updated', (e) => e.account_id === id && reloadSoon());
  useLiveEvent('refresh', reloadSoon);

  if (state.error && !state.data) {
    return (
      <div className="page">
        <p>
          <Link to="/accounts">← Accounts</Link>
        </p>
        {isNotFound(state.error) ? (
          <>
            <h1>No account {id}</h1>
            <p>It may have been removed, or the link is wrong.</p>
          </>
        ) : (
          <ErrorMessage error={state.error} retry={state.reload} />
        )}
      </div>
    );
  }
  if (!state.data) return <Loading what="Loading the account" />;
  return <Account360View d={state.data} role={user.role} reload={state.reload} />;
}

function Account360View({ d, role, reload }: { d: Account360; role: ReturnType<typeof useUser>['role']; reload: () => void }) {
  const a = d.account;
  const card = d.scorecards[0];
  const tabs: TabDef[] = [
    { id: 'scorecard', label: 'Scorecard' },
    ...(can.seeTimeline(role) && d.timeline ? [{ id: 'timeline', label: 'Timeline', count: d.timeline.total ?? d.timeline.entries.length }] : []),
    ...(can.seeCtas(role) && d.ctas ? [{ id: 'ctas', label: 'CTAs', count: d.ctas.open.length }] : []),
    ...(can.seePlans(role) && d.plans ? [{ id: 'plans', label: 'Success plans', count: d.plans.length }] : []),
    { id: 'feedback', label: 'Feedback' },
    { id: 'contacts', label: 'Contacts', count: d.contacts.length },
    { id: 'colors', label: 'Color changes', count: d.color_changes.length },
  ];
  const tab = useTab(tabs);
  return (
    <div className="page" data-testid={T.account360}>
      <p className="breadcrumb">
        <Link to="/accounts">← Accounts</Link>
      </p>
      <header className="page-header account-header">
        <div>
          <h1 data-testid={T.accountName}>{a.name || a.account_id}</h1>
          <p className="muted">
            {a.account_id} · {a.status === 'active' ? 'active' : a.status} · health as of {formatDay(d.as_of)}
          </p>
        </div>
        <div className="account-health">
          <span className="big-health">
            <HealthBadge color={a.color} overall={a.overall} testId={T.accountHealth} />
          </span>
          <span className="small">
            7 days <Change value={a.change_7d} /> · 30 days <Change value={a.change_30d} />
          </span>
          {card && <span className="muted small">{card.label}</span>}
        </div>
      </header>
      <PredictionsPanel accountId={a.account_id} />
      <RevenuePanel accountId={a.account_id} />
      <div className="account-layout">
        <Facts d={d} />
        <div className="account-main">
          <Tabs tabs={tabs} label="Account sections" />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
            {tab === 'scorecard' && <ScorecardPanel d={d} />}
            {tab === 'timeline' && <TimelinePanel accountId={a.account_id} contacts={d.contacts} canWrite={can.logActivity(role)} onChange={reload} />}
            {tab === 'ctas' && <CtasPanel d={d} canWork={can.workCtas(role)} canOpen={can.seeCockpit(role)} onChange={reload} />}
            {tab === 'plans' && <PlansPanel accountId={a.account_id} plans={d.plans ?? []} canWrite={can.createPlan(role)} onChange={reload} />}
            {tab === 'contacts' && <ContactsPanel accountId={a.account_id} contacts={d.contacts} canSeeTimeline={can.seeTimeline(role)} canSeeAdvocacy={can.seeAdvocacy(role)} />}
            {tab === 'colors' && <ColorHistory changes={d.color_changes} />}
            {tab === 'feedback' && <FeedbackPanel accountId={a.account_id} contacts={d.contacts} canWrite={can.logFeedback(role)} canSeeSources={can.seeTimeline(role)} />}
          </div>
        </div>
      </div>
    </div>
  );
}

// The frame of every signed-in page: navigation on the left (by role), the page on the right,
// the live-connection indicator and a skip link for keyboard users.
import { Suspense, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { T } from '../../e2e/selectors.mjs';
import { useLiveEvent, useLiveStatus } from '../live/LiveContext';
import { formatDay } from '../lib/format';
import { can, ROLE_LABELS } from '../lib/roles';
import { useSession, useUser } from '../session/SessionContext';
import { Loading } from './Status';
import { useToast } from './Toasts';

function Item({ to, children, testId, end }: { to: string; children: ReactNode; testId?: string; end?: boolean }) {
  return (
    <li>
      <NavLink to={to} end={end} data-testid={testId} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
        {children}
      </NavLink>
    </li>
  );
}

export function Layout() {
  const user = useUser();
  const { logout } = useSession();
  const live = useLiveStatus();
  const toast = useToast();
  // A full refresh (daily, or started by someone): tell the people who run the data.
  useLiveEvent('refresh', (e) => {
    if (can.admin(user.role)) toast({ kind: 'info', key: 'refresh', text: `Scores refreshed as of ${formatDay(e.as_of)} (${Math.round(e.ms)} ms).` });
  });
  // A new CTA for me, wherever I am.
  useLiveEvent('cta', (e) => {
    if (e.owner && (e.owner === user.name || e.owner === user.email)) {
      toast({ kind: 'info', text: `New CTA for you: ${e.title} (${e.account_id})`, link: { to: `/cockpit/ctas/${e.cta_id}`, label: 'Open' } });
    }
  });
  const liveText = live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Offline';
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◐
          </span>{' '}
          tend
        </div>
        <nav aria-label="Main" data-testid={T.nav}>
          <ul>
            <Item to="/" end testId={T.navDashboard}>
              Dashboard
            </Item>
            <Item to="/accounts" testId={T.navAccounts}>
              Accounts
            </Item>
            {can.seeCockpit(user.role) && (
              <Item to="/cockpit" testId={T.navCockpit}>
                Cockpit
              </Item>
            )}
            {can.seeRevenue(user.role) && (
              <Item to="/revenue" testId={T.navRevenue}>
                Revenue
              </Item>
            )}
            {can.seeSurveys(user.role) && (
              <Item to="/surveys" testId={T.navSurveys}>
                Surveys
              </Item>
            )}
            {can.seeModels(user.role) && (
              <Item to="/models" testId={T.navModels}>
                Models
              </Item>
            )}
            {can.seeRequests(user.role) && (
              <Item to="/requests" testId={T.navProductRequests}>
                Requests
              </Item>
            )}
          </ul>
          {(can.seeAdvocacy(user.role) || can.seeReferenceRequests(user.role)) && (
            <>
              <h2 className="nav-heading">Advocacy</h2>
              <ul data-testid={T.navAdvocacy}>
                {can.seeAdvocacy(user.role) && (
                  <>
                    <Item to="/advocacy" end testId={T.navAdvocacyProgram}>
                      Program
                    </Item>
                    <Item to="/advocacy/candidates" testId={T.navCandidates}>
                      Candidates
                    </Item>
                    <Item to="/advocacy/advocates" testId={T.navAdvocates}>
                      Advocates
                    </Item>
                  </>
                )}
                {can.seeReferenceRequests(user.role) && (
                  <Item to="/advocacy/requests" testId={T.navReferenceRequests}>
                    Reference requests
                  </Item>
                )}
              </ul>
            </>
          )}
          {can.admin(user.role) && (
            <>
              <h2 className="nav-heading">Admin</h2>
              <ul data-testid={T.navAdmin}>
                <Item to="/admin/definitions">Definitions</Item>
                {can.manageUsers(user.role) && <Item to="/admin/users">Users</Item>}
                <Item to="/admin/writekeys">Write keys</Item>
                <Item to="/admin/webhooks">Webhooks</Item>
                <Item to="/admin/outbox">Outbox</Item>
                <Item to="/admin/data">Data import</Item>
              </ul>
            </>
          )}
        </nav>
        <div className="sidebar-foot">
          <div className={`live live-${live}`} data-testid={T.liveStatus} title="Scores and CTAs update live">
            <span className="dot" aria-hidden="true" /> {liveText}
          </div>
          <NavLink to="/profile" className="nav-link" data-testid={T.navProfile}>
            <span className="user-name">{user.name || user.email}</span>
            <span className="muted small" data-testid={T.userRole}>
              {ROLE_LABELS[user.role]}
            </span>
          </NavLink>
          <button type="button" className="link-button" onClick={() => void logout()} data-testid={T.logout}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="Loading the page" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

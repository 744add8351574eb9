// Routes: one URL per view (filters and tabs live in the query string).
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout';
import { ErrorMessage, Loading } from './components/Status';
import { ToastProvider } from './components/Toasts';
import { LoginPage } from './features/login/LoginPage';
import { LiveProvider } from './live/LiveContext';
import { ApiError } from './api/client';
import type { Role } from './api/types';
import { useSession, useUser } from './session/SessionContext';
import { can } from './lib/roles';

const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const AccountsPage = lazy(() => import('./features/accounts/AccountsPage'));
const RevenuePage = lazy(() => import('./features/revenue/RevenuePage'));
const SurveysPage = lazy(() => import('./features/surveys/SurveysPage'));
const AccountPage = lazy(() => import('./features/customer-360/AccountPage'));
const CockpitPage = lazy(() => import('./features/cockpit/CockpitPage'));
const CtaPage = lazy(() => import('./features/cockpit/CtaPage'));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage'));
const SetupPage = lazy(() => import('./features/login/SetupPage'));
const DefinitionsPage = lazy(() => import('./features/admin/DefinitionsPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const WriteKeysPage = lazy(() => import('./features/admin/WriteKeysPage'));
const WebhooksPage = lazy(() => import('./features/admin/WebhooksPage'));
const OutboxPage = lazy(() => import('./features/admin/OutboxPage'));
const DataPage = lazy(() => import('./features/admin/DataPage'));
const ModelsPage = lazy(() => import('./features/models/ModelsPage'));
const ProgramPage = lazy(() => import('./features/advocacy/ProgramPage'));
const CandidatesPage = lazy(() => import('./features/advocacy/CandidatesPage'));
const AdvocatesPage = lazy(() => import('./features/advocacy/AdvocatesPage'));
const AdvocatePage = lazy(() => import('./features/advocacy/AdvocatePage'));
const RequestsPage = lazy(() => import('./features/advocacy/RequestsPage'));
const RequestPage = lazy(() => import('./features/advocacy/RequestPage'));
const ProductRequestsPage = lazy(() => import('./features/feedback/RequestsPage'));
const ProductRequestPage = lazy(() => import('./features/feedback/RequestPage'));

function RequireSession({ children }: { children: ReactNode }) {
  const { status, retry } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading what="Signing in" />;
  if (status === 'unreachable') {
    return (
      <div className="center-page">
        <ErrorMessage error={new ApiError(0, null)} retry={retry} />
      </div>
    );
  }
  if (status === 'signedOut') {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return <>{children}</>;
}

function RequireRole({ allow, children }: { allow: (r: Role) => boolean; children: ReactNode }) {
  const user = useUser();
  if (!allow(user.role)) {
    return (
      <div className="page">
        <h1>Not available</h1>
        <ErrorMessage error={new ApiError(403, { code: 'auth.forbidden', message: '', field: null })} what="open this page" />
      </div>
    );
  }
  return <>{children}</>;
}

function NotFound() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. Use the menu on the left to find your way.</p>
    </div>
  );
}

const opsOrAdmin = (r: Role) => r === 'admin' || r === 'ops';

export function App() {
  const { status } = useSession();
  return (
    <ToastProvider>
      <LiveProvider enabled={status === 'signedIn'}>
        <Suspense fallback={<Loading what="Loading the page" />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/setup" element={<SetupPage />} />
            <Route
              element={
                <RequireSession>
                  <Layout />
                </RequireSession>
              }
            >
              <Route index element={<DashboardPage />} />
              <Route path="accounts" element={<AccountsPage />} />
              <Route path="accounts/:id" element={<AccountPage />} />
              <Route
                path="cockpit"
                element={
                  <RequireRole allow={can.seeCockpit}>
                    <CockpitPage />
                  </RequireRole>
                }
              />
              <Route
                path="cockpit/ctas/:id"
                element={
                  <RequireRole allow={can.seeCockpit}>
                    <CtaPage />
                  </RequireRole>
                }
              />
              <Route
                path="surveys"
                element={
                  <RequireRole allow={can.seeSurveys}>
                    <SurveysPage />
                  </RequireRole>
                }
              />
              <Route
                path="revenue"
                element={
                  <RequireRole allow={can.seeRevenue}>
                    <RevenuePage />
                  </RequireRole>
                }
              />
              <Route
                path="models"
                element={
                  <RequireRole allow={can.seeModels}>
                    <ModelsPage />
                  </RequireRole>
                }
              />
              <Route
                path="advocacy"
                element={
                  <RequireRole allow={can.seeAdvocacy}>
                    <ProgramPage />
                  </RequireRole>
                }
              />
              <Route
                path="advocacy/candidates"
                element={
                  <RequireRole allow={can.seeAdvocacy}>
                    <CandidatesPage />
                  </RequireRole>
                }
              />
              <Route
                path="advocacy/advocates"
                element={
                  <RequireRole allow={can.seeAdvocacy}>
                    <AdvocatesPage />
                  </RequireRole>
                }
              />
              <Route
                path="advocacy/advocates/:contactId"
                element={
                  <RequireRole allow={can.seeAdvocacy}>
                    <AdvocatePage />
                  </RequireRole>
                }
              />
              <Route
                path="advocacy/requests"
                element={
                  <RequireRole allow={can.seeReferenceRequests}>
                    <RequestsPage />
                  </RequireRole>
                }
              />
              <Route
                path="advocacy/requests/:id"
                element={
                  <RequireRole allow={can.seeReferenceRequests}>
                    <RequestPage />
                  </RequireRole>
                }
              />
              <Route path="requests" element={<ProductRequestsPage />} />
              <Route path="requests/:id" element={<ProductRequestPage />} />
              <Route path="profile" element={<ProfilePage />} />
              <Route path="admin" element={<Navigate to="/admin/definitions" replace />} />
              <Route
                path="admin/definitions"
                element={
                  <RequireRole allow={opsOrAdmin}>
                    <DefinitionsPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/users"
                element={
                  <RequireRole allow={(r) => r === 'admin'}>
                    <UsersPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/writekeys"
                element={
                  <RequireRole allow={opsOrAdmin}>
                    <WriteKeysPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/webhooks"
                element={
                  <RequireRole allow={opsOrAdmin}>
                    <WebhooksPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/outbox"
                element={
                  <RequireRole allow={opsOrAdmin}>
                    <OutboxPage />
                  </RequireRole>
                }
              />
              <Route
                path="admin/data"
                element={
                  <RequireRole allow={opsOrAdmin}>
                    <DataPage />
                  </RequireRole>
                }
              />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </LiveProvider>
    </ToastProvider>
  );
}

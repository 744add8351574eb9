// Entry point: the router, the session, then the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { BASE_PATH } from './api/client';
import { prefetchDashboard } from './api/endpoints';
import { SessionProvider } from './session/SessionContext';
import './styles.css';

// On the dashboard, fetch its data and code (and the chart library) at once, in parallel
// with the session check, for a quick first meaningful paint.
if (window.location.pathname === `${BASE_PATH}/`) {
  prefetchDashboard();
  void import('./features/dashboard/DashboardPage');
  void import('./lib/echarts');
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter basename={BASE_PATH || undefined}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);

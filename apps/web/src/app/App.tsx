import { lazy, Suspense } from 'react';

import { useT } from '../i18n/index.js';
import { ComingSoon } from './ComingSoon.js';
import { HomePage } from './HomePage.js';
import { I18nProvider } from './I18nProvider.js';
import { parseRoute, usePathname } from './router.js';

// The canvas (Yjs, drag and drop) loads only on a group's page, so the home page stays light.
const GroupPage = lazy(() => import('../session/GroupPage.js'));
// The facilitator's console is a chunk of its own too (ten group connections, its controls).
const ConsolePage = lazy(() => import('../console/ConsolePage.js'));
// The plenary and the projection load only when opened (drag and drop, the vote, big-screen type).
const PlenaryPage = lazy(() => import('../plenary/PlenaryPage.js'));
const ProjectionPage = lazy(() => import('../projection/ProjectionPage.js'));
// A programme (« démarche ») consolidating several sessions' plenaries.
const ProgrammePage = lazy(() => import('../programme/ProgrammePage.js'));

function Routes() {
  const route = parseRoute(usePathname());
  const t = useT();
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'group':
      return (
        <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
          <GroupPage key={`${route.sessionId}/${route.groupId}`} sessionId={route.sessionId} groupId={route.groupId} />
        </Suspense>
      );
    case 'facilitate':
      return (
        <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
          <ConsolePage key={route.sessionId} sessionId={route.sessionId} />
        </Suspense>
      );
    case 'plenary':
      return (
        <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
          <PlenaryPage key={route.sessionId} sessionId={route.sessionId} />
        </Suspense>
      );
    case 'projection':
      return (
        <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
          <ProjectionPage key={route.sessionId} sessionId={route.sessionId} />
        </Suspense>
      );
    case 'programme':
      return (
        <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
          <ProgrammePage key={route.programmeId} programmeId={route.programmeId} />
        </Suspense>
      );
    default:
      return <ComingSoon page="not-found" />;
  }
}

export function App() {
  return (
    <I18nProvider>
      <Routes />
    </I18nProvider>
  );
}

import { Suspense } from 'react';

import { prefetchSession } from '../api/client.js';
import { useT } from '../i18n/index.js';
import { tokenFor } from '../session/links.js';
import type { Place } from '../session/links.js';
import { ComingSoon } from './ComingSoon.js';
import { I18nProvider } from './I18nProvider.js';
import { lazyPage } from './lazyPage.js';
import { parseRoute, usePathname } from './router.js';
import type { Route } from './router.js';

// The home page (creating a session: templates, the groups editor, « Mes séances ») is a chunk
// of its own: the canvas page loaded it for nothing, 200.1 KB against its 200 KB budget.
const home = lazyPage(() => import('./HomePage.js'));
const HomePage = home.Page;
// The canvas (Yjs, drag and drop) loads only on a group's page, so the home page stays light.
const group = lazyPage(() => import('../session/GroupPage.js'));
// The facilitator's console is a chunk of its own too (ten group connections, its controls).
const facilitate = lazyPage(() => import('../console/ConsolePage.js'));
// The plenary and the projection load only when opened (drag and drop, the vote, big-screen type).
const plenary = lazyPage(() => import('../plenary/PlenaryPage.js'));
const projection = lazyPage(() => import('../projection/ProjectionPage.js'));
// A programme (« démarche ») consolidating several sessions' plenaries.
const programme = lazyPage(() => import('../programme/ProgrammePage.js'));
const GroupPage = group.Page;
const ConsolePage = facilitate.Page;
const PlenaryPage = plenary.Page;
const ProjectionPage = projection.Page;
const ProgrammePage = programme.Page;

/**
 * Starts what the page a path opens waits for, before the first render: its chunk (so the first
 * render shows that page instead of a fallback, see lazyPage) and its session's description
 * (fetched while the chunk loads, not after it). Resolves once the chunk is there.
 */
export function startPage(pathname: string): Promise<void> {
  const route: Route = parseRoute(pathname);
  if (route.page === 'home') return home.preload();
  if (route.page === 'not-found') return Promise.resolve();
  if (route.page === 'programme') return programme.preload();
  const place: Place = route.page === 'group' ? { page: 'group', groupId: route.groupId } : { page: route.page };
  const token = tokenFor(route.sessionId, place);
  if (token !== null) prefetchSession(route.sessionId, token);
  return { group, facilitate, plenary, projection }[route.page].preload();
}

function Routes() {
  const route = parseRoute(usePathname());
  const t = useT();
  switch (route.page) {
    case 'home':
      return (
        <Suspense fallback={<p className="loading" role="status">{t('common.loading')}</p>}>
          <HomePage />
        </Suspense>
      );
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

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App, startPage } from './app/App.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/page.css';
import './styles/canvas.css';
import './styles/note.css';
import './styles/panel.css';
import './sheets/sheets.css';

// Offline reloads: the service worker keeps the app's files (the notes are in IndexedDB).
// Files loaded before it took control, or loaded lazily later, are handed to it by name.
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready).then((registration) => {
      const keep = (urls: string[]) => {
        const assets = urls.filter((url) => new URL(url).pathname.startsWith('/assets/'));
        if (assets.length > 0) registration.active?.postMessage({ cache: assets });
      };
      registration.active?.postMessage({ cache: ['/index.html'] });
      keep(performance.getEntriesByType('resource').map((entry) => entry.name));
      new PerformanceObserver((list) => keep(list.getEntries().map((entry) => entry.name))).observe({ type: 'resource' });
    }).catch(() => {
      // Without it the app still works online; nothing to tell the participant.
    });
  });
}

const root = document.getElementById('root');
if (root) {
  // The page's own chunk first (its session's description is asked for meanwhile): rendered
  // before it is there, the page would wait behind a Suspense fallback, whose end React holds
  // back by 300 ms.
  void startPage(window.location.pathname).then(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}

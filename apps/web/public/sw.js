/*
 * Concerto's service worker: lets a participant reload the canvas while offline. Pages are
 * fetched from the network first (a new version is never hidden by the cache) and fall back
 * to the last copy; the hashed files under /assets/ never change, so they are served from the
 * cache once fetched. The API and the websocket are never touched: the notes themselves live
 * in IndexedDB (y-indexeddb).
 */
const CACHE = 'concerto-shell-v1';

self.addEventListener('install', () => self.skipWaiting());

// The page tells which files it loaded before this worker controlled it (see main.tsx).
self.addEventListener('message', (event) => {
  const urls = event.data?.cache;
  if (!Array.isArray(urls)) return;
  const same = urls.filter((u) => typeof u === 'string' && new URL(u, self.location.origin).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(same)).catch(() => {}));
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put('/index.html', copy));
          }
          return response;
        })
        .catch(() => caches.match('/index.html').then((cached) => cached ?? Response.error())),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request).then((cached) => cached ?? fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
    );
  }
});

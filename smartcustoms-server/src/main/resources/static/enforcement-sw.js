// Service worker of the offline seizure form (#/enforcement/offline): keeps the workspace's files so the page
// and its queue (IndexedDB) survive a reload without a connection. Network first, cache as fallback; the API is
// never cached (the page queues its submissions itself and sends them with idempotency keys).
const CACHE = 'sc-enforcement-offline-v1';
const SHELL = ['/', '/index.html', '/app/main.js', '/app/api.js', '/app/ui.js', '/app/style.css', '/app/pages/enforcement.js'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

// the page sends the URLs it loaded (every module of the workspace); answered when they are cached
self.addEventListener('message', (e) => {
  if (!e.data || !Array.isArray(e.data.cache)) return;
  const port = e.ports && e.ports[0];
  const urls = e.data.cache.filter((u) => { try { const x = new URL(u, self.location.origin); return x.origin === self.location.origin && !x.pathname.startsWith('/api/'); } catch { return false; } });
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(urls)).then(() => port && port.postMessage({ cached: urls.length }),
    (err) => port && port.postMessage({ error: String(err) })));
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  e.respondWith(fetch(e.request).then((r) => {
    if (r.ok) { const copy = r.clone(); caches.open(CACHE).then((c) => c.put(e.request, copy)); }
    return r;
  }).catch(() => caches.match(e.request, { ignoreSearch: true })
    .then((r) => r || (e.request.mode === 'navigate' ? caches.match('/') : Response.error()))));
});

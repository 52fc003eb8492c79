// The presenter's offline copy (registered by the lazy module when presenter mode opens, never
// before): online, every request goes to the network as without it; when the network fails, the
// copy the page put into the cache "industrikommuner-offline" (the app, and exactly the data
// files the deck's views need) answers. A page address is matched without its query, so the
// deck opens at any slide. The worker itself never writes the cache: the copy is the one the
// page made, of one data version, which the page names.
const CACHE = "industrikommuner-offline";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (e) => {
  const r = e.request;
  if (r.method !== "GET" || new URL(r.url).origin !== self.location.origin) {
    return;
  }
  e.respondWith(
    fetch(r).catch(async () => {
      const cache = await caches.open(CACHE);
      const hit =
        (await cache.match(r)) ||
        (r.mode === "navigate" ? await cache.match(r, { ignoreSearch: true }) : undefined);
      return hit || Response.error();
    }),
  );
});

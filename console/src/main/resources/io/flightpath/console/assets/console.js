// A page with a data-live element fetches that element's body again every second and swaps it
// in, so a running split or rollout moves on screen without a reload.
for (const el of document.querySelectorAll('[data-live]')) {
  const every = Number(el.dataset.every || 1000);
  const tick = async () => {
    try {
      const r = await fetch(el.dataset.live, {credentials: 'same-origin', cache: 'no-store'});
      if (r.status === 401) { location.reload(); return; }
      if (r.ok) {
        el.innerHTML = await r.text();
        el.dataset.updated = String(Date.now());
      }
    } catch (e) {
      // the server is away for a moment: try again at the next tick
    }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
}

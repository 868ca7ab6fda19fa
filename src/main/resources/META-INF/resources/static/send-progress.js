// The send at the top of the issue page: while it runs (or is paused), polls /api/issues/{id}/send and shows
// its progress, its summary and the buttons that apply now (the server says which: SendState's rule, not this file's).
// When the send changes state (done, paused by itself, cancelled elsewhere) the page is loaded again, so its heading
// ("Sent to N readers on …") comes from the server too. The issue cannot change while it is sent: nothing is lost.
(() => {
  const box = document.getElementById('send-progress');
  if (!box || !['running', 'paused'].includes(box.dataset.state)) return;
  const bar = box.querySelector('progress');
  const summary = box.querySelector('[data-summary]');
  async function poll() {
    let p;
    try {
      const res = await fetch('/api/issues/' + box.dataset.issue + '/send', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      p = await res.json();
    } catch (e) {
      setTimeout(poll, 5000);
      return;
    }
    if (p.state !== box.dataset.state) {
      location.reload();
      return;
    }
    bar.max = Math.max(1, p.total);
    bar.value = p.sent + p.failed + p.skipped;
    summary.textContent = p.summary;
    box.querySelectorAll('[data-action]').forEach(form => { form.hidden = !p.actions.includes(form.dataset.action); });
    setTimeout(poll, p.state === 'running' ? 2000 : 5000);
  }
  setTimeout(poll, 1000);
})();

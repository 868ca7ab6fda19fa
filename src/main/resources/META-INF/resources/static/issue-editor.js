// The issue editing page: every change is saved at once through /api/issues, with the version the page shows,
// so a change made meanwhile by another editor is reported ("reload") instead of overwritten.
// Drag and drop by SortableJS; the ↑ ↓ buttons are the keyboard way to do the same.
// The live progress bar of a send: polls /api/issues/{id}/send every two seconds while it runs.
(() => {
  const box = document.getElementById('progress');
  if (!box) return;
  const fill = box.querySelector('.bar-fill');
  const text = box.querySelector('.progress-text');
  async function poll() {
    const res = await fetch('/api/issues/' + box.dataset.issue + '/send', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } });
    if (!res.ok) return;
    const p = await res.json();
    const done = p.sent + p.failed + p.skipped;
    fill.style.width = (p.total ? Math.round(100 * done / p.total) : 100) + '%';
    text.textContent = p.state + ': ' + p.sent + ' sent, ' + p.failed + ' failed, ' + p.skipped + ' skipped, ' + p.pending + ' to go of ' + p.total
      + (p.perSecond ? ' · ' + p.perSecond.toFixed(1) + ' per second' : '') + (p.etaSeconds ? ' · about ' + p.etaSeconds + ' s left' : '')
      + (p.reason ? ' · ' + p.reason : '');
    const retry = box.querySelector('[data-retry-failed]');
    if (retry) retry.hidden = !(p.failed > 0 && p.state !== 'cancelled');
    if (p.state === 'running') setTimeout(poll, 2000);
  }
  poll();
})();

(() => {
  const root = document.getElementById('issue');
  if (!root) return;
  const id = root.dataset.id;
  const editable = root.dataset.editable === 'true';
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const status = document.getElementById('save-status');
  let queue = Promise.resolve(true);

  function say(text, bad) {
    status.textContent = text;
    status.classList.toggle('bad', Boolean(bad));
  }

  // Saves run one after another, each with the version the previous one returned.
  function send(method, path, body) {
    queue = queue.then(async () => {
      say('Saving…');
      const version = Number(root.dataset.version);
      const query = method === 'DELETE' ? '?version=' + version : '';
      const res = await fetch('/api/issues/' + id + path + query, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
        body: method === 'DELETE' ? undefined : JSON.stringify(Object.assign({}, body, { version }))
      });
      if (res.ok) {
        const saved = await res.json();
        root.dataset.version = saved.version;
        // "Send now" sends the issue as this page shows it: its form carries the version too
        document.querySelectorAll('[data-issue-version]').forEach(input => { input.value = saved.version; });
        say('All changes saved.');
        return true;
      }
      const problem = await res.json().catch(() => ({}));
      say(problem.detail || ('Not saved (HTTP ' + res.status + ').'), true);
      if (res.status === 409) root.classList.add('conflict');
      return false;
    }).catch(e => {
      say('Not saved: Roundup could not be reached (' + e.message + ').', true);
      return false;
    });
    return queue;
  }

  function order() {
    return [...root.querySelectorAll('[data-section-items]')].map(list => ({
      sectionId: Number(list.dataset.sectionItems),
      itemIds: [...list.querySelectorAll(':scope > [data-item]')].map(li => Number(li.dataset.item))
    }));
  }

  const saveOrder = () => send('PUT', '/order', { sections: order() });

  root.addEventListener('change', e => {
    const t = e.target;
    const item = t.closest('[data-item]');
    const section = t.closest('[data-section]');
    if (item && t.matches('[data-included]')) {
      item.classList.toggle('excluded', !t.checked);
      send('PUT', '/items/' + item.dataset.item, { included: t.checked });
    } else if (item && t.matches('[data-title]')) {
      send('PUT', '/items/' + item.dataset.item, { title: t.value });
    } else if (item && t.matches('[data-blurb]')) {
      send('PUT', '/items/' + item.dataset.item, { blurb: t.value });
    } else if (t.matches('[data-field]')) {
      send('PUT', '', { [t.dataset.field]: t.value });
    } else if (section && t.matches('[data-section-title]')) {
      send('PUT', '/sections/' + section.dataset.section, { title: t.value });
    } else if (section && t.matches('[data-section-note]')) {
      send('PUT', '/sections/' + section.dataset.section, { note: t.value });
    }
  });

  root.addEventListener('click', async e => {
    const button = e.target.closest('button');
    if (!button || !editable) return;
    const item = button.closest('[data-item]');
    if (button.matches('[data-up]') && item.previousElementSibling) {
      item.parentNode.insertBefore(item, item.previousElementSibling);
      button.focus();
      saveOrder();
    } else if (button.matches('[data-down]') && item.nextElementSibling) {
      item.parentNode.insertBefore(item.nextElementSibling, item);
      button.focus();
      saveOrder();
    } else if (button.matches('[data-remove]')) {
      if (await send('DELETE', '/items/' + item.dataset.item)) item.remove();
    } else if (button.matches('[data-remove-section]') && confirm('Remove this section and its items?')) {
      const section = button.closest('[data-section]');
      if (await send('DELETE', '/sections/' + section.dataset.section)) section.remove();
    }
  });

  root.addEventListener('submit', async e => {
    const form = e.target;
    const value = name => form.elements[name].value;
    if (form.matches('[data-add-link]')) {
      e.preventDefault();
      const ok = await send('POST', '/links', { sectionId: Number(form.dataset.addLink), title: value('title'), url: value('url'), blurb: value('blurb') });
      if (ok) location.reload();
    } else if (form.matches('[data-add-section]')) {
      e.preventDefault();
      if (await send('POST', '/sections', { title: value('title') })) location.reload();
    }
  });

  if (editable && window.Sortable) {
    root.querySelectorAll('[data-section-items]').forEach(list => Sortable.create(list, {
      group: 'items', handle: '.handle', animation: 120, forceFallback: true, onEnd: saveOrder
    }));
  }
})();

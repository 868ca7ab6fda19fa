// The issue editing page: every change is saved as it is made through /api/issues, with the version the page shows,
// so a change made meanwhile by another editor is reported ("reload") instead of overwritten. Text saves while it is
// typed (600 ms after the last key, and at once when the field is left); leaving with text unsaved asks first.
// Drag and drop by SortableJS, for items and sections; the ↑ ↓ buttons are the keyboard way to do the same.
// A removed item can be put back (Undo); Markdown fields show a preview rendered by the server's own rule.
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
  const TYPING_PAUSE = 600; // save this long after the last key…
  const TYPING_MAX = 4000; // …or this long after the first unsaved one, for someone who never pauses
  let queue = Promise.resolve(true);
  let inFlight = 0;
  let conflict = false;
  const timers = new Map(); // field element → its pending save

  function say(text, bad, reload) {
    status.textContent = text;
    status.classList.toggle('bad', Boolean(bad));
    if (reload) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Reload the page';
      button.addEventListener('click', () => { unsaved = () => false; location.reload(); });
      status.append(' ', button);
    }
  }

  async function call(method, path, body) {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { res, json: await res.json().catch(() => ({})) };
  }

  // Saves run one after another, each with the version the previous one returned; resolves to the answer or null.
  function send(method, path, body) {
    inFlight++;
    queue = queue.then(async () => {
      if (conflict) return null;
      say('Saving…');
      const version = Number(root.dataset.version);
      const query = method === 'DELETE' ? '?version=' + version : '';
      const { res, json } = await call(method, '/api/issues/' + id + path + query,
        method === 'DELETE' ? undefined : Object.assign({}, body, { version }));
      if (res.ok) {
        root.dataset.version = json.version;
        // "Send now" sends the issue as this page shows it: its form carries the version too
        document.querySelectorAll('[data-issue-version]').forEach(input => { input.value = json.version; });
        say(timers.size || inFlight > 1 ? 'Saving…' : 'All changes saved.');
        return json;
      }
      if (res.status === 409) {
        conflict = true;
        root.classList.add('conflict');
        say((json.detail || 'This issue was changed elsewhere.') + ' Your last change was not saved: copy it before reloading.', true, true);
      } else {
        say(json.detail || ('Not saved (HTTP ' + res.status + ').'), true);
      }
      return null;
    }).catch(e => {
      say('Not saved: Roundup could not be reached (' + e.message + ').', true);
      return null;
    }).finally(() => { inFlight--; });
    return queue;
  }

  // What saving one text field means: which path, which body.
  function saveOf(t) {
    const item = t.closest('[data-item]');
    const section = t.closest('[data-section]');
    if (item && t.matches('[data-title]')) return () => send('PUT', '/items/' + item.dataset.item, { title: t.value });
    if (item && t.matches('[data-blurb]')) return () => send('PUT', '/items/' + item.dataset.item, { blurb: t.value });
    if (t.matches('[data-field]')) return () => send('PUT', '', { [t.dataset.field]: t.value });
    if (section && t.matches('[data-section-title]')) return () => send('PUT', '/sections/' + section.dataset.section, { title: t.value });
    if (section && t.matches('[data-section-note]')) return () => send('PUT', '/sections/' + section.dataset.section, { note: t.value });
    return null;
  }

  // While typing, a half-written address or a title just cleared is not sent (it would only be refused); leaving the
  // field sends it anyway, so the editor hears why it was refused.
  function ready(t) {
    const text = t.value.trim();
    if (t.type === 'url') return text === '' || /^https?:\/\/[^\s/]+\.[^\s]*$/i.test(text);
    if (t.matches('[data-title], [data-section-title], [data-field=title], [data-field=subject]')) return text !== '';
    return true;
  }

  function flush(t, force) {
    const pending = timers.get(t);
    if (!pending || (!force && !ready(t))) return;
    clearTimeout(pending.timer);
    timers.delete(t);
    if (t.value !== pending.saved) pending.save();
  }

  // The text as the page loaded it, so a field left unchanged is not saved again.
  const savedText = new WeakMap();
  root.querySelectorAll('input[type=text], input[type=url][data-field], textarea').forEach(t => savedText.set(t, t.value));

  root.addEventListener('input', e => {
    const t = e.target;
    if (t.matches('[data-markdown]')) preview(t);
    const save = saveOf(t);
    if (!save || !editable) return;
    const pending = timers.get(t);
    if (pending) clearTimeout(pending.timer);
    const entry = { save: () => { savedText.set(t, t.value); return save(); }, saved: savedText.get(t),
      since: pending ? pending.since : Date.now() };
    entry.timer = setTimeout(() => flush(t), Math.max(0, Math.min(TYPING_PAUSE, entry.since + TYPING_MAX - Date.now())));
    timers.set(t, entry);
    if (!conflict) say('Unsaved changes…');
  });

  root.addEventListener('change', e => {
    const t = e.target;
    const item = t.closest('[data-item]');
    if (item && t.matches('[data-included]')) {
      item.classList.toggle('excluded', !t.checked);
      count(item.closest('[data-section]'));
      send('PUT', '/items/' + item.dataset.item, { included: t.checked });
    } else if (timers.has(t)) {
      flush(t, true); // leaving the field saves at once
    }
  });

  let unsaved = () => timers.size > 0 || inFlight > 0 || conflict;
  window.addEventListener('beforeunload', e => {
    if (!unsaved()) return;
    timers.forEach((pending, t) => flush(t, true)); // try anyway: the save may still land
    e.preventDefault();
    e.returnValue = '';
  });

  // Markdown preview, rendered by the server's Markdown rule so it is what readers get.
  const previews = new Map();
  function preview(t, wait = 250) {
    const box = root.querySelector('[data-preview-of="' + t.id + '"]');
    if (!box) return;
    clearTimeout(previews.get(t));
    previews.set(t, setTimeout(async () => {
      const { res, json } = await call('POST', '/editor/issues/markdown', { text: t.value }).catch(() => ({ res: { ok: false }, json: {} }));
      if (!res.ok) return;
      box.querySelector('[data-preview-body]').innerHTML = json.html; // sanitized by SafeHtml on the server
      box.hidden = !t.value.trim();
    }, wait));
  }
  root.querySelectorAll('[data-markdown]').forEach(t => { if (t.value.trim()) preview(t, 0); });

  // "2 of 3 included" follows removals, undos and ticks
  function count(section) {
    const items = [...section.querySelectorAll('[data-item]')];
    section.querySelector('[data-count]').textContent = items.filter(li => li.querySelector('[data-included]').checked).length
      + ' of ' + items.length + ' included';
  }

  function order() {
    return [...root.querySelectorAll('[data-section-items]')].map(list => ({
      sectionId: Number(list.dataset.sectionItems),
      itemIds: [...list.querySelectorAll(':scope > [data-item]')].map(li => Number(li.dataset.item))
    }));
  }

  const saveOrder = () => send('PUT', '/order', { sections: order() });
  const sectionsBox = root.querySelector('[data-sections]');
  const saveSectionPlace = section => send('PUT', '/sections/' + section.dataset.section + '/position',
    { position: [...sectionsBox.children].indexOf(section) });

  // Undo of the last removal: the toast offers it for a while.
  const toast = document.getElementById('toast');
  let undo = null;
  let toastTimer;
  function offerUndo(text, action) {
    undo = action;
    toast.querySelector('[data-toast-text]').textContent = text;
    toast.hidden = false;
    clearTimeout(toastTimer);
    toast.querySelector('[data-undo]').focus(); // the removed item's button is gone: the keyboard lands on Undo
    toastTimer = setTimeout(() => { toast.hidden = true; undo = null; }, 15000);
  }
  toast.querySelector('[data-undo]').addEventListener('click', async () => {
    const action = undo;
    undo = null;
    toast.hidden = true;
    if (action) await action();
  });

  async function removeItem(item) {
    const list = item.parentNode;
    const next = item.nextElementSibling;
    const removed = await send('DELETE', '/items/' + item.dataset.item);
    if (!removed) return;
    const section = list.closest('[data-section]');
    item.remove();
    count(section);
    const title = item.querySelector('[data-title]').value;
    offerUndo('Removed “' + title + '”.', async () => {
      const restored = await send('POST', '/items', { item: removed.item });
      if (!restored) return;
      item.dataset.item = restored.itemId;
      list.insertBefore(item, next && next.parentNode === list ? next : null);
      count(section);
      item.querySelector('[data-remove]').focus();
    });
  }

  function editUrl(item, open) {
    item.querySelector('.url-edit').hidden = !open;
    item.querySelector('[data-edit-url]').hidden = open;
    item.querySelector('[data-item-link]').hidden = open;
    if (open) item.querySelector('[data-url]').focus();
  }

  async function saveUrl(item) {
    const input = item.querySelector('[data-url]');
    if (!input.checkValidity() || !/^https?:\/\//i.test(input.value.trim())) {
      say('Links must be web addresses starting with https:// or http://.', true);
      input.focus();
      return;
    }
    if (await send('PUT', '/items/' + item.dataset.item + '/url', { url: input.value.trim() })) {
      const link = item.querySelector('[data-item-link]');
      link.href = input.value.trim();
      link.textContent = input.value.trim();
      item.querySelectorAll('.badge.bad').forEach(b => b.remove()); // the link check was about the old address
      editUrl(item, false);
      item.querySelector('[data-edit-url]').focus();
    }
  }

  root.addEventListener('keydown', e => {
    if (e.key === 'Enter' && e.target.matches('[data-url]')) {
      e.preventDefault();
      saveUrl(e.target.closest('[data-item]'));
    } else if (e.key === 'Escape' && e.target.matches('[data-url]')) {
      editUrl(e.target.closest('[data-item]'), false);
    }
  });

  root.addEventListener('click', async e => {
    const button = e.target.closest('button');
    if (!button || !editable || !root.contains(button) || button.closest('#toast')) return;
    const item = button.closest('[data-item]');
    const section = button.closest('[data-section]');
    if (button.matches('[data-up]') && item.previousElementSibling) {
      item.parentNode.insertBefore(item, item.previousElementSibling);
      button.focus();
      saveOrder();
    } else if (button.matches('[data-down]') && item.nextElementSibling) {
      item.parentNode.insertBefore(item.nextElementSibling, item);
      button.focus();
      saveOrder();
    } else if (button.matches('[data-remove]')) {
      removeItem(item);
    } else if (button.matches('[data-edit-url]')) {
      editUrl(item, true);
    } else if (button.matches('[data-cancel-url]')) {
      item.querySelector('[data-url]').value = item.querySelector('[data-item-link]').getAttribute('href');
      editUrl(item, false);
    } else if (button.matches('[data-save-url]')) {
      saveUrl(item);
    } else if (button.matches('[data-section-up]') && section.previousElementSibling) {
      sectionsBox.insertBefore(section, section.previousElementSibling);
      button.focus();
      saveSectionPlace(section);
    } else if (button.matches('[data-section-down]') && section.nextElementSibling) {
      sectionsBox.insertBefore(section.nextElementSibling, section);
      button.focus();
      saveSectionPlace(section);
    } else if (button.matches('[data-remove-section]') && confirm('Remove this section and its items?')) {
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
      group: 'items', handle: '.handle', animation: 120, forceFallback: true,
      onEnd: e => { saveOrder(); count(e.from.closest('[data-section]')); count(e.to.closest('[data-section]')); }
    }));
    if (sectionsBox) {
      Sortable.create(sectionsBox, {
        handle: '.section-handle', draggable: '[data-section]', animation: 120, forceFallback: true,
        onEnd: e => { if (e.oldIndex !== e.newIndex) saveSectionPlace(e.item); }
      });
    }
  }
})();

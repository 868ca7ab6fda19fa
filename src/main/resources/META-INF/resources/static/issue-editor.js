// The issue editing page: every change is saved as it is made through /api/issues, with the version the page shows,
// so a change made meanwhile by another editor is reported ("reload") instead of overwritten. Text saves while it is
// typed (600 ms after the last key, and at once when the field is left); leaving with text unsaved asks first.
// Drag and drop by SortableJS, for items and sections; the ↑ ↓ buttons are the keyboard way to do the same.
// A removed item can be put back (Undo), and so can a dropped "Also covered by" line; Markdown fields show a preview rendered by the server's own rule.
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
  let leaving = false;
  const timers = new Map(); // field element → its pending save
  const failed = new Map(); // field element → why its last save was refused: unsaved until a save of it succeeds

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
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: leaving // a save started as the page closes still reaches the server
    });
    return { res, json: await res.json().catch(() => ({})) };
  }

  // Why a field held back while typing is not sent yet.
  function heldBack(t) {
    if (t.type === 'url') return 'an address starts with https:// or http://';
    return t.matches('[data-field=subject]') ? 'the subject can\'t be empty' : 'a title can\'t be empty';
  }

  // What the status line says once a save is answered: never "All changes saved." while something is not.
  function settle() {
    const held = [...timers.keys()].find(t => !ready(t));
    if (inFlight > 1) say('Saving…');
    else if (failed.size) say('Unsaved: ' + [...failed.values()].pop() + ' Change the field or leave it to try again.', true);
    else if (held) say('Unsaved: ' + heldBack(held) + '.', true);
    else say(timers.size ? 'Unsaved changes…' : 'All changes saved.');
  }

  // Saves run one after another, each with the version the previous one returned; resolves to the answer or null.
  // {@code body} may be a function: it is then read when the save runs, so it holds what the page shows by then
  // (a reorder queued behind a removal does not list the removed item). {@code field} is the text field saved:
  // a refused save of it is remembered (unsaved, retried on its next input or blur) until one succeeds.
  function send(method, path, body, field) {
    inFlight++;
    queue = queue.then(async () => {
      if (conflict) return null;
      say('Saving…');
      const version = Number(root.dataset.version);
      const query = method === 'DELETE' ? '?version=' + version : '';
      const text = field ? field.value : undefined;
      if (field) sending.set(field, text);
      let res, json;
      try {
        ({ res, json } = await call(method, '/api/issues/' + id + path + query,
          method === 'DELETE' ? undefined : Object.assign({}, typeof body === 'function' ? body() : body, { version })));
      } catch (e) {
        if (field) failed.set(field, 'Roundup could not be reached (' + e.message + ').');
        say('Not saved: Roundup could not be reached (' + e.message + ').', true);
        return null;
      }
      if (res.ok) {
        root.dataset.version = json.version;
        // "Send now" sends the issue as this page shows it: its form carries the version too
        document.querySelectorAll('[data-issue-version]').forEach(input => { input.value = json.version; });
        if (field) {
          savedText.set(field, text);
          failed.delete(field);
        }
        settle();
        return json;
      }
      if (res.status === 409) {
        conflict = true;
        root.classList.add('conflict');
        say((json.detail || 'This issue was changed elsewhere.') + ' Your last change was not saved: copy it before reloading.', true, true);
      } else {
        if (field) failed.set(field, json.detail || ('HTTP ' + res.status + '.'));
        say(json.detail || ('Not saved (HTTP ' + res.status + ').'), true);
      }
      return null;
    }).catch(e => {
      say('Not saved: ' + e.message, true);
      return null;
    }).finally(() => {
      inFlight--;
      if (field) sending.delete(field);
    });
    return queue;
  }

  // What saving one text field means: which path, which body.
  function saveOf(t) {
    const item = t.closest('[data-item]');
    const section = t.closest('[data-section]');
    const put = (path, key) => () => send('PUT', path, () => ({ [key]: t.value }), t);
    if (item && t.matches('[data-title]')) return put('/items/' + item.dataset.item, 'title');
    if (item && t.matches('[data-blurb]')) return put('/items/' + item.dataset.item, 'blurb');
    if (t.matches('[data-field]')) return put('', t.dataset.field);
    if (section && t.matches('[data-section-title]')) return put('/sections/' + section.dataset.section, 'title');
    if (section && t.matches('[data-section-note]')) return put('/sections/' + section.dataset.section, 'note');
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
    if (!pending) return;
    if (!force && !ready(t)) {
      if (!inFlight) settle();
      return;
    }
    clearTimeout(pending.timer);
    timers.delete(t);
    if (t.value !== (sending.has(t) ? sending.get(t) : savedText.get(t))) pending.save();
    else {
      failed.delete(t); // typed back to what the server has
      if (!inFlight) settle();
    }
  }

  // The text the server has (as the page loaded it, then as each save was answered), so a field left unchanged is
  // not saved again.
  const savedText = new WeakMap();
  const sending = new Map(); // field element → the text its save in flight carries
  root.querySelectorAll('input[type=text], input[type=url][data-field], textarea').forEach(t => savedText.set(t, t.value));

  root.addEventListener('input', e => {
    const t = e.target;
    if (t.matches('[data-markdown]')) preview(t);
    const save = saveOf(t);
    if (!save || !editable) return;
    const pending = timers.get(t);
    if (pending) clearTimeout(pending.timer);
    const entry = { save, since: pending ? pending.since : Date.now() };
    entry.timer = setTimeout(() => flush(t), Math.max(0, Math.min(TYPING_PAUSE, entry.since + TYPING_MAX - Date.now())));
    timers.set(t, entry);
    if (!conflict) {
      if (ready(t)) say('Unsaved changes…');
      else say('Unsaved: ' + heldBack(t) + '.', true);
    }
  });

  // Leaving a field whose last save was refused tries it again.
  root.addEventListener('focusout', e => {
    const t = e.target;
    if (failed.has(t) && !timers.has(t) && editable && !conflict) saveOf(t)();
  });

  root.addEventListener('change', e => {
    const t = e.target;
    const item = t.closest('[data-item]');
    if (item && t.matches('[data-included]')) {
      item.classList.toggle('excluded', !t.checked);
      count(item.closest('[data-section]'));
      send('PUT', '/items/' + item.dataset.item, () => ({ included: t.checked }));
    } else if (t.matches('[data-section-thumbnails]')) {
      send('PUT', '/sections/' + t.closest('[data-section]').dataset.section, () => ({ thumbnails: t.checked }));
    } else if (timers.has(t)) {
      flush(t, true); // leaving the field saves at once
    }
  });

  let unsaved = () => timers.size > 0 || inFlight > 0 || failed.size > 0 || conflict;
  window.addEventListener('beforeunload', e => {
    if (!unsaved()) return;
    leaving = true;
    timers.forEach((pending, t) => flush(t, true)); // try anyway: the save may still land
    setTimeout(() => { leaving = false; }, 1000); // the editor chose to stay
    e.preventDefault();
    e.returnValue = '';
  });

  // Markdown preview, rendered by the server's Markdown rule so it is what readers get.
  // Answers can arrive out of order: each field's requests are numbered and only the newest answer is shown.
  const previews = new Map();
  const previewNumbers = new Map();
  function preview(t, wait = 250) {
    const box = root.querySelector('[data-preview-of="' + t.id + '"]');
    if (!box) return;
    clearTimeout(previews.get(t));
    previews.set(t, setTimeout(async () => {
      const number = (previewNumbers.get(t) || 0) + 1;
      previewNumbers.set(t, number);
      const { res, json } = await call('POST', '/editor/issues/markdown', { text: t.value }).catch(() => ({ res: { ok: false }, json: {} }));
      if (!res.ok || previewNumbers.get(t) !== number) return;
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
      itemIds: [...list.querySelectorAll(':scope > [data-item]:not([data-removing])')].map(li => Number(li.dataset.item))
    }));
  }

  // Bodies read when the save runs: a drag queued behind a removal or another move sends the page as it is then.
  const saveOrder = () => send('PUT', '/order', () => ({ sections: order() }));
  const sectionsBox = root.querySelector('[data-sections]');
  const saveSectionPlace = section => send('PUT', '/sections/' + section.dataset.section + '/position',
    () => ({ position: [...sectionsBox.children].indexOf(section) }));

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
    item.dataset.removing = ''; // a reorder queued meanwhile leaves it out
    const removed = await send('DELETE', '/items/' + item.dataset.item);
    delete item.dataset.removing;
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

  // "Also covered by A, B": the other sources of the item's story; dropped, readers don't see it (Undo keeps it again).
  function showAlsoCovered(item, kept) {
    const line = item.querySelector('[data-also-covered]');
    line.classList.toggle('dropped', !kept);
    line.querySelector('[data-drop-also]').hidden = !kept;
    line.querySelector('[data-also-dropped]').hidden = kept;
    line.querySelector(kept ? '[data-drop-also]' : '[data-keep-also]').focus();
  }

  async function keepAlsoCovered(item, kept) {
    if (!await send('PUT', '/items/' + item.dataset.item, () => ({ alsoCovered: kept }))) return;
    showAlsoCovered(item, kept);
    if (!kept) {
      offerUndo('Dropped “Also covered by” of “' + item.querySelector('[data-title]').value + '”.', async () => {
        if (await send('PUT', '/items/' + item.dataset.item, () => ({ alsoCovered: true }))) showAlsoCovered(item, true);
      });
    }
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
    } else if (button.matches('[data-drop-also]')) {
      keepAlsoCovered(item, false);
    } else if (button.matches('[data-keep-also]')) {
      keepAlsoCovered(item, true);
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

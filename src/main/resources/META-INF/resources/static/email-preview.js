// The preview page: warns when the email, as rendered in a preview frame, is wider than that frame, i.e.
// a reader on that screen would scroll sideways (a long word, a wide image or table).
(function () {
  'use strict';
  function measure(frame) {
    var warning = frame.closest('figure').querySelector('[data-too-wide]');
    var doc = frame.contentDocument;
    if (!warning || !doc || !doc.documentElement) {
      return;
    }
    var wide = doc.documentElement.scrollWidth;
    var room = doc.documentElement.clientWidth;
    warning.hidden = wide <= room + 1;
    warning.textContent = 'The email is ' + wide + ' px wide on this ' + room + ' px screen: readers would scroll sideways. '
      + 'Look for a long word, link or image.';
  }
  document.querySelectorAll('iframe[data-measure]').forEach(function (frame) {
    frame.addEventListener('load', function () { measure(frame); });
    if (frame.contentDocument && frame.contentDocument.readyState === 'complete') {
      measure(frame);
    }
  });
}());

// Asks before a form marked data-confirm="question" is sent (deleting a project, erasing a subscriber).
// A script file rather than onsubmit="...": the Content-Security-Policy allows no inline script.
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

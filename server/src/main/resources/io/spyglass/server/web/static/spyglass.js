// Spyglass: the only script (the Content Security Policy allows no inline script or event handler).
// Adds a Copy button to commands and submits choosers when they change; pages work without it.
document.querySelectorAll('.pull').forEach(function (box) {
  var code = box.querySelector('code');
  if (!code || !navigator.clipboard) return;
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary copy';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy command');
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(code.textContent).then(function () {
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = 'Copy'; }, 1500);
    });
  });
  box.appendChild(button);
});

// a chooser such as the tag page's platform shows its choice at once; <noscript> keeps a button for the rest
document.querySelectorAll('select[data-submit-on-change]').forEach(function (select) {
  select.addEventListener('change', function () { select.form.submit(); });
});

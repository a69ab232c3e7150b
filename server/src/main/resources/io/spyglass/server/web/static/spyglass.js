// Spyglass: the only script. Adds a Copy button to commands; pages work without it.
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

// The verification pages' drop zone, verdict and "Detail teknis" styles, and the one small script
// (served from this server, no inline code) that adds drag and drop, upload progress and an
// in-place result. Without the script the same form posts and the server answers with a page.
import { Router } from 'express';

export const VERIFY_SCRIPT_PATH = '/verify-assets/verify.js';

export const VERIFY_CSS = `
.drop{display:grid;gap:.75rem}
.drop__zone{position:relative;display:grid;place-items:center;gap:.4rem;text-align:center;min-height:11rem;padding:1.5rem 1rem;border:2px dashed #8a9bb3;border-radius:10px;background:#f8fafc;cursor:pointer}
.drop__zone:hover,.drop__zone--over{border-color:var(--navy);background:#eef3fa}
.drop__zone:focus-within{outline:3px solid #f2b705;outline-offset:2px}
.drop__big{font-size:1.15rem;font-weight:700;color:var(--navy)}
.drop__or{color:var(--muted)}
.drop__choose{background:var(--navy);color:#fff;border-radius:4px;padding:.5rem 1rem;font-weight:600}
.drop__input{position:absolute;inset:0;width:100%;height:100%;opacity:0;cursor:pointer}
.drop__file{font-weight:600;min-height:1.5em;margin:0}
.drop__progress{width:100%;height:.8rem}
.drop[data-state=busy] button{opacity:.6;pointer-events:none}
.verdict-big{border-radius:10px;padding:1.25rem;margin:0 0 1rem;border:2px solid;display:grid;gap:.4rem}
.verdict-big__title{font-size:1.6rem;font-weight:800;margin:0;line-height:1.2}
.verdict-big__sentence{font-size:1.1rem;margin:0;color:var(--ink)}
.status-sentence{font-size:1.2rem;font-weight:600;background:#fff;border-left:6px solid var(--navy);padding:1rem;margin:0 0 1rem;border-radius:6px}
.status-sentence--ok{border-left-color:var(--ok)}
.status-sentence--bad{border-left-color:var(--bad)}
details.tech{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
details.tech summary{cursor:pointer;font-weight:700;color:var(--navy)}
details.tech[open] summary{margin-bottom:.75rem}
`;

// Plain ES2017, no build step: it must run on an old phone browser as served.
const SCRIPT = `(function () {
  function init() {
    var forms = document.querySelectorAll('form[data-drop]');
    for (var i = 0; i < forms.length; i++) wire(forms[i]);
  }
  function wire(form) {
    var input = form.querySelector('input[type=file]');
    var zone = form.querySelector('.drop__zone');
    var progress = form.querySelector('progress');
    var status = form.querySelector('[data-status]');
    function over(e) { e.preventDefault(); zone.classList.add('drop__zone--over'); }
    function leave() { zone.classList.remove('drop__zone--over'); }
    zone.addEventListener('dragenter', over);
    zone.addEventListener('dragover', over);
    zone.addEventListener('dragleave', leave);
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      leave();
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; send(); }
    });
    input.addEventListener('change', function () { if (input.files.length) send(); });
    form.addEventListener('submit', function (e) { e.preventDefault(); if (input.files.length) send(); });
    function say(text) { status.textContent = text; }
    function send() {
      var file = input.files[0];
      var data = new FormData();
      data.append('pdf', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action'));
      form.setAttribute('data-state', 'busy');
      progress.hidden = false;
      progress.value = 0;
      say(form.getAttribute('data-uploading').replace('{file}', file.name));
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
      };
      xhr.upload.onload = function () { progress.removeAttribute('value'); say(form.getAttribute('data-checking')); };
      xhr.onload = function () {
        var doc = new DOMParser().parseFromString(xhr.responseText, 'text/html');
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
        window.scrollTo(0, 0);
        init();
      };
      xhr.onerror = function () {
        form.removeAttribute('data-state');
        progress.hidden = true;
        say(form.getAttribute('data-failed'));
      };
      xhr.send(data);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
`;

export function verifyAssetRoutes(): Router {
  const router = Router();
  router.get(VERIFY_SCRIPT_PATH, (_req, res) => {
    res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).send(SCRIPT);
  });
  return router;
}

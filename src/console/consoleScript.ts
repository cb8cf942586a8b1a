/**
 * The console's only script, served from /console/assets/console.js (CSP script-src 'self'; no
 * inline script anywhere). Keyboard shortcuts for triage and the help overlay. Every page works
 * without it: shortcuts only move focus or follow links that are on the page anyway.
 */
export const CONSOLE_SCRIPT = `(function () {
  'use strict';
  var help = document.getElementById('help');
  var helpButton = document.getElementById('help-button');
  var lastFocus = null;

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function showHelp() {
    if (!help) return;
    lastFocus = document.activeElement;
    help.hidden = false;
    var close = help.querySelector('button');
    if (close) close.focus();
  }
  function hideHelp() {
    if (!help || help.hidden) return;
    help.hidden = true;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }
  if (helpButton) helpButton.addEventListener('click', function () { if (help && help.hidden) showHelp(); else hideHelp(); });
  if (help) {
    help.querySelector('button').addEventListener('click', hideHelp);
    help.addEventListener('click', function (e) { if (e.target === help) hideHelp(); });
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll('[data-row]'));
  var current = -1;
  function select(i) {
    if (rows.length === 0) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, n) { r.classList.toggle('selected', n === current); });
    var link = rows[current].querySelector('a');
    if (link) link.focus();
  }
  function follow(rel) {
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) window.location.assign(link.href);
  }
  function focusId(id) {
    var el = document.getElementById(id);
    if (!el) return false;
    // A field inside a closed <details> cannot take focus: open its section first.
    var section = el.closest('details');
    if (section) section.open = true;
    el.focus();
    if (el.scrollIntoView) el.scrollIntoView({ block: 'center' });
    return true;
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { hideHelp(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (help && !help.hidden && e.key !== '?') return;
    switch (e.key) {
      case '?': if (help && help.hidden) showHelp(); else hideHelp(); break;
      case 'j': if (rows.length) select(current + 1); else follow('next'); break;
      case 'k': if (rows.length) select(current - 1); else follow('prev'); break;
      case 'v': if (!focusId('verify-title')) return; break;
      case 'd': {
        var dup = document.getElementById('attach-duplicate');
        if (dup) dup.checked = true;
        if (!focusId('attach-target')) return;
        break;
      }
      case 's': {
        var reason = document.getElementById('archive-reason');
        if (!reason) return;
        reason.value = 'spam';
        focusId('archive-submit');
        break;
      }
      case '/': if (!focusId('search')) return; break;
      default: return;
    }
    e.preventDefault();
  });
})();
`;

import { html, type SafeHtml } from '../http/html';
import { formatWibDateTime } from '../replies/templates';
import type { User } from '../store/types';
import { canEnter, type Area } from './access';
import type { Lang, Texts } from './texts';

/** What every console page knows about the request it answers. */
export interface View {
  lang: Lang;
  t: Texts;
  user: User | null;
  /** The session's CSRF token, put in every form; null before login. */
  csrf: string | null;
  /** The path and query of this page, for the language switch to come back to. */
  here: string;
}

export function when(view: View, at: Date | null): string {
  return at === null ? view.t.ticket.none : formatWibDateTime(at, view.lang);
}

/** The hidden field every POST form carries. */
export function csrfField(view: View): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${view.csrf ?? ''}">`;
}

const NAV: readonly { area: Area; href: string }[] = [
  { area: 'review', href: '/console/review' },
  { area: 'tickets', href: '/console/tickets' },
  { area: 'dashboard', href: '/console/dashboard' },
  { area: 'users', href: '/console/users' },
  { area: 'queues', href: '/console/queues' },
];

function header(view: View, current: Area | null): SafeHtml {
  const { t, user } = view;
  const langHref = `/console/lang?to=${t.otherLangCode}&next=${encodeURIComponent(view.here)}`;
  const nav = user
    ? html`<nav class="main" aria-label="${t.navLabel}"><ul>${NAV.filter((n) => canEnter(user.role, n.area)).map(
        (n) => html`<li><a href="${n.href}"${n.area === current ? html` aria-current="page"` : ''}>${t.nav[n.area]}</a></li>`,
      )}</ul></nav>`
    : '';
  const account = user
    ? html`<span>${t.signedInAs} <strong>${user.name}</strong> (${t.users.roles[user.role]}${user.agency ? `, ${user.agency}` : ''})</span>
      <button type="button" id="help-button" class="link" aria-haspopup="dialog" aria-controls="help">${t.help} (?)</button>
      <form method="post" action="/console/logout">${csrfField(view)}<button type="submit" class="link">${t.logout}</button></form>`
    : '';
  return html`<header class="top">
    <a class="brand" href="/console">${t.appName}</a>
    ${nav}
    <div class="account">${account}<a href="${langHref}" lang="${t.otherLangCode}" hreflang="${t.otherLangCode}">${t.otherLang}</a></div>
  </header>`;
}

function helpDialog(t: Texts): SafeHtml {
  return html`<div id="help" role="dialog" aria-modal="true" aria-labelledby="help-title" hidden>
    <div class="dialog">
      <h2 id="help-title">${t.help}</h2>
      <table><tbody>${t.helpShortcuts.map(([key, what]) => html`<tr><th scope="row"><kbd>${key}</kbd></th><td>${what}</td></tr>`)}</tbody></table>
      <p><button type="button">${t.close}</button></p>
    </div>
  </div>`;
}

export interface PageParts {
  title: string;
  area?: Area | null;
  body: SafeHtml;
  flash?: string | null;
  error?: string | null;
}

/** A whole console page: skip link, header, one h1, messages, the body, the help overlay. */
export function renderPage(view: View, parts: PageParts): string {
  const { t } = view;
  return html`<!doctype html>
<html lang="${view.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${parts.title} · ${t.appName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/console/assets/console.css">
<script src="/console/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#content">${t.skip}</a>
${header(view, parts.area ?? null)}
<main id="content" tabindex="-1">
<h1>${parts.title}</h1>
${parts.flash ? html`<p class="flash" role="status">${parts.flash}</p>` : ''}
${parts.error ? html`<p class="error" role="alert">${parts.error}</p>` : ''}
${parts.body}
</main>
${view.user ? helpDialog(t) : ''}
</body>
</html>`.toString();
}

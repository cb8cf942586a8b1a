import { html } from '../../http/html';
import { renderPage, type View } from '../layout';

export interface LoginValues {
  email?: string;
  next?: string | null;
  /** The login form's own CSRF token (double-submitted in a cookie; there is no session yet). */
  token: string;
  error?: string | null;
  flash?: string | null;
}

export function renderLogin(view: View, v: LoginValues): string {
  const { t } = view;
  return renderPage(view, {
    title: t.login.title,
    error: v.error ?? null,
    flash: v.flash ?? null,
    body: html`<form class="stack panel login" method="post" action="/console/login" novalidate>
      <input type="hidden" name="_csrf" value="${v.token}">
      ${v.next ? html`<input type="hidden" name="next" value="${v.next}">` : ''}
      <div><label for="email">${t.login.email}</label><input type="email" id="email" name="email" autocomplete="username" required value="${v.email ?? ''}" autofocus></div>
      <div><label for="password">${t.login.password}</label><input type="password" id="password" name="password" autocomplete="current-password" required></div>
      <div><button type="submit">${t.login.submit}</button></div>
    </form>`,
  });
}

export function renderError(view: View, message: string, details: string[] = [], back = '/console'): string {
  const { t } = view;
  return renderPage(view, {
    title: t.errors.title,
    error: message,
    body: html`${details.length > 0 ? html`<p>${t.errors.fix}</p><ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}
      <p><a href="${back}">${t.errors.back}</a></p>`,
  });
}

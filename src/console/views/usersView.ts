import { html } from '../../http/html';
import { OPERATOR_ROLES, type User } from '../../store/types';
import { csrfField, renderPage, when, type View } from '../layout';
import { options } from './common';
import { agencyField, type AgencyInfo } from '../agencies';

export interface UsersModel {
  users: User[];
  agencies: readonly AgencyInfo[];
  flash: string | null;
  error: string | null;
}

export function renderUsers(view: View, m: UsersModel): string {
  const { t } = view;
  const u = t.users;
  const body = html`<div class="table-wrap"><table>
    <thead><tr><th scope="col">${u.name}</th><th scope="col">${u.email}</th><th scope="col">${u.role}</th><th scope="col">${t.tickets.agency}</th><th scope="col">${u.state}</th><th scope="col">${t.tickets.created}</th><th scope="col">${t.review.actions}</th></tr></thead>
    <tbody>${m.users.map(
      (user) => html`<tr>
      <td>${user.name}</td><td>${user.email}</td><td>${u.roles[user.role]}</td><td>${user.agency ?? t.ticket.none}</td>
      <td>${user.disabled ? u.disabled : u.active}</td><td>${when(view, user.createdAt)}</td>
      <td>
        <form method="post" action="/console/users/${encodeURIComponent(user.id)}">${csrfField(view)}
          <input type="hidden" name="op" value="${user.disabled ? 'enable' : 'disable'}">
          <button type="submit" class="secondary" aria-label="${user.disabled ? u.enable : u.disable}: ${user.email}">${user.disabled ? u.enable : u.disable}</button>
        </form>
        <form method="post" action="/console/users/${encodeURIComponent(user.id)}">${csrfField(view)}
          <input type="hidden" name="op" value="password">
          <label for="pw-${user.id}">${u.newPassword} (${user.email})</label>
          <input type="password" id="pw-${user.id}" name="password" autocomplete="new-password" minlength="10" required>
          <button type="submit" class="secondary">${u.setPassword}</button>
        </form>
      </td></tr>`,
    )}</tbody></table></div>
    <section class="panel" aria-labelledby="add-h"><h2 id="add-h">${u.add}</h2>
      <form class="stack" method="post" action="/console/users">${csrfField(view)}
        <div><label for="new-name">${u.name}</label><input type="text" id="new-name" name="name" required maxlength="120"></div>
        <div><label for="new-email">${u.email}</label><input type="email" id="new-email" name="email" required maxlength="254" autocomplete="off"></div>
        <div><label for="new-role">${u.role}</label><select id="new-role" name="role">${options(OPERATOR_ROLES.map((r) => ({ value: r, label: u.roles[r] })), 'verifier')}</select></div>
        <div><label for="new-agency">${u.agency} <span class="hint">${t.review.agencyHint}</span></label>${agencyField({ id: 'new-agency', name: 'agency', value: '', required: false }, m.agencies)}</div>
        <div><label for="new-password">${u.password}</label><input type="password" id="new-password" name="password" required minlength="10" autocomplete="new-password"></div>
        <div><button type="submit">${u.add}</button></div>
      </form>
    </section>`;
  return renderPage(view, { title: u.title, area: 'users', body, flash: m.flash, error: m.error });
}

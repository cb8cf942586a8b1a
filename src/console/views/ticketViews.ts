import { html, type SafeHtml } from '../../http/html';
import type { InboxRecord, Page, Reply, ReviewItem, StatusChange, Ticket } from '../../store/types';
import { isOverdue } from '../../tickets/sla';
import { statusLabel, TICKET_STATUSES, type TicketStatus } from '../../tickets/status';
import { agencyField, type AgencyInfo } from '../agencies';
import { csrfField, renderPage, when, type View } from '../layout';
import { options, senderText, statusBadge, ticketLink } from './common';
import type { Choice } from './reviewViews';

export interface TicketQueryValues {
  nomor?: string | undefined;
  q?: string | undefined;
  reporter?: string | undefined;
  status?: TicketStatus | undefined;
  category?: string | undefined;
  agency?: string | undefined;
  channel?: string | undefined;
  region?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface TicketListModel {
  page: Page<Ticket>;
  query: TicketQueryValues;
  pageNumber: number;
  pageSize: number;
  categories: readonly Choice[];
  agencies: readonly AgencyInfo[];
  channels: readonly string[];
  reporterSearch: boolean;
  flash: string | null;
}

function listHref(query: TicketQueryValues, page: number): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' && v !== '' && k !== 'nomor') q.set(k, v);
  q.set('page', String(page));
  return `/console/tickets?${q.toString()}`;
}

export function renderTicketList(view: View, m: TicketListModel): string {
  const { t } = view;
  const q = m.query;
  const statuses = TICKET_STATUSES.map((s) => ({ value: s, label: statusLabel(s, view.lang) }));
  const pages = Math.max(1, Math.ceil(m.page.total / m.pageSize));
  const body = html`<form class="filters" method="get" action="/console/tickets" role="search" aria-label="${t.tickets.search}">
      <div><label for="search">${t.tickets.number}</label><input type="search" id="search" name="nomor" inputmode="numeric" maxlength="40" value="${q.nomor ?? ''}"></div>
      <div><label for="q">${t.tickets.text}</label><input type="search" id="q" name="q" maxlength="200" value="${q.q ?? ''}"></div>
      ${m.reporterSearch ? html`<div><label for="reporter">${t.tickets.reporter}</label><input type="search" id="reporter" name="reporter" maxlength="120" value="${q.reporter ?? ''}"></div>` : ''}
      <div><label for="status">${t.tickets.status}</label><select id="status" name="status">${options(statuses, q.status ?? '', t.review.all)}</select></div>
      <div><label for="category">${t.tickets.category}</label><select id="category" name="category">${options(m.categories, q.category ?? '', t.review.all)}</select></div>
      <div><label for="agency">${t.tickets.agency}</label>${agencyField({ id: 'agency', name: 'agency', value: q.agency ?? '', required: false }, m.agencies)}</div>
      <div><label for="channel">${t.tickets.channel}</label><select id="channel" name="channel">${options(m.channels.map((c) => ({ value: c, label: c })), q.channel ?? '', t.review.all)}</select></div>
      <div><label for="region">${t.tickets.region}</label><input type="text" id="region" name="region" maxlength="20" inputmode="decimal" value="${q.region ?? ''}"></div>
      <div><label for="from">${t.tickets.from}</label><input type="date" id="from" name="from" value="${q.from ?? ''}"></div>
      <div><label for="to">${t.tickets.to}</label><input type="date" id="to" name="to" value="${q.to ?? ''}"></div>
      <div><button type="submit">${t.tickets.submit}</button> <a href="/console/tickets">${t.tickets.reset}</a></div>
    </form>
    <p id="ticket-count">${t.tickets.found(m.page.total)}</p>
    ${m.page.items.length === 0
      ? html`<p class="panel">${t.tickets.empty}</p>`
      : html`<div class="table-wrap"><table aria-describedby="ticket-count">
      <thead><tr><th scope="col">${t.tickets.number}</th><th scope="col">${t.tickets.titleCol}</th><th scope="col">${t.tickets.status}</th><th scope="col">${t.tickets.category}</th><th scope="col">${t.tickets.agency}</th><th scope="col">${t.tickets.channel}</th><th scope="col">${t.tickets.created}</th></tr></thead>
      <tbody>${m.page.items.map(
        (ticket) => html`<tr data-row><td>${ticketLink(ticket.trackingId)}</td><td class="excerpt">${ticket.title}</td><td>${statusBadge(view, ticket.status)}</td>
          <td>${ticket.category}</td><td>${ticket.agency ?? t.ticket.none}</td><td>${ticket.channel}</td><td>${when(view, ticket.createdAt)}</td></tr>`,
      )}</tbody></table></div>`}
    ${pages > 1
      ? html`<nav class="pager" aria-label="${t.tickets.page}">
      ${m.pageNumber > 1 ? html`<a rel="prev" href="${listHref(q, m.pageNumber - 1)}">${t.tickets.prevPage}</a>` : ''}
      <span>${t.tickets.page} ${m.pageNumber} / ${pages}</span>
      ${m.pageNumber < pages ? html`<a rel="next" href="${listHref(q, m.pageNumber + 1)}">${t.tickets.nextPage}</a>` : ''}</nav>`
      : ''}`;
  return renderPage(view, { title: t.tickets.title, area: 'tickets', body, flash: m.flash });
}

export interface TicketPageModel {
  ticket: Ticket;
  messages: InboxRecord[];
  replies: Reply[];
  history: StatusChange[];
  duplicates: Ticket[];
  caseTickets: Ticket[];
  openReviews: ReviewItem[];
  showReporter: boolean;
  moves: TicketStatus[];
  canEdit: boolean;
  categories: readonly Choice[];
  agencies: readonly AgencyInfo[];
  agencyLabel: string | null;
  flash: string | null;
  error: string | null;
  now: Date;
}

type Entry = { at: Date; kind: 'in'; message: InboxRecord } | { at: Date; kind: 'out'; reply: Reply };

function conversation(view: View, m: TicketPageModel): SafeHtml {
  const { t } = view;
  const entries: Entry[] = [
    ...m.messages.map((message): Entry => ({ at: message.receivedAt, kind: 'in', message })),
    ...m.replies.map((reply): Entry => ({ at: reply.createdAt, kind: 'out', reply })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (entries.length === 0) return html`<p>${t.ticket.noConversation}</p>`;
  return html`<ol class="timeline">${entries.map((e) =>
    e.kind === 'in'
      ? html`<li class="in"><p class="muted">${t.ticket.incoming} · ${e.message.channel} · ${when(view, e.at)}${m.showReporter ? html` · ${senderText(e.message.sender)}` : ''}</p><div class="message">${e.message.text}</div></li>`
      : html`<li class="out"><p class="muted">${t.ticket.outgoing} · ${e.reply.channel} · ${when(view, e.at)} · <span class="badge ${e.reply.status}">${t.ticket.delivery[e.reply.status]}</span>${e.reply.error ? html` · ${e.reply.error}` : ''}</p><div class="message">${e.reply.text}</div></li>`,
  )}</ol>`;
}

function due(view: View, at: Date | null, now: Date): SafeHtml {
  return html`${when(view, at)}${isOverdue(at, now) ? html` <span class="badge overdue">${view.t.ticket.overdue}</span>` : ''}`;
}

function statusForm(view: View, m: TicketPageModel): SafeHtml {
  const { t } = view;
  if (m.moves.length === 0) return html`<p>${t.ticket.noMoves}</p>`;
  return html`<form class="stack" method="post" action="/console/tickets/${m.ticket.trackingId}/status">${csrfField(view)}
    <div><label for="status-to">${t.ticket.newStatus}</label><select id="status-to" name="to">${options(m.moves.map((s) => ({ value: s, label: statusLabel(s, view.lang) })), m.moves[0])}</select></div>
    <div><label for="status-note">${t.ticket.noteForReporter} <span class="hint">${t.ticket.noteRequired}</span></label><textarea id="status-note" name="note" maxlength="1000"></textarea></div>
    <div><button type="submit">${t.ticket.save}</button></div>
  </form>`;
}

function editForm(view: View, m: TicketPageModel): SafeHtml {
  const { t } = view;
  const tk = m.ticket;
  return html`<details><summary>${t.ticket.edit}</summary>
    <form class="stack" method="post" action="/console/tickets/${tk.trackingId}/edit">${csrfField(view)}
      <div><label for="edit-title">${t.review.titleField}</label><input type="text" id="edit-title" name="title" required minlength="3" maxlength="200" value="${tk.title}"></div>
      <div><label for="edit-category">${t.review.category}</label><select id="edit-category" name="category">${options(m.categories, tk.category)}</select></div>
      <div><label for="edit-location">${t.review.location}</label><input type="text" id="edit-location" name="location" maxlength="300" value="${tk.location ?? ''}"></div>
      <div><label for="edit-region">${t.review.region}</label><input type="text" id="edit-region" name="regionCode" maxlength="20" value="${tk.regionCode ?? ''}"></div>
      <div><label for="edit-agency">${t.review.agency} <span class="hint">${t.review.agencyHint}</span></label>${agencyField({ id: 'edit-agency', name: 'agency', value: tk.agency ?? '', required: false }, m.agencies)}</div>
      <div><button type="submit" class="secondary">${t.ticket.save}</button></div>
    </form></details>`;
}

export function renderTicketPage(view: View, m: TicketPageModel): string {
  const { t } = view;
  const tk = m.ticket;
  const reporter = m.showReporter ? senderText(tk.reporter) : `${t.ticket.hidden} (${t.ticket.privacies[tk.privacy]})`;
  const body = html`<div class="grid">
    <div>
      <section class="panel" aria-labelledby="details-h"><h2 id="details-h">${t.ticket.details}</h2>
        <dl class="facts">
          <dt>${t.tickets.status}</dt><dd>${statusBadge(view, tk.status)}</dd>
          <dt>${t.tickets.titleCol}</dt><dd>${tk.title}</dd>
          <dt>${t.ticket.reporter}</dt><dd>${reporter}</dd>
          <dt>${t.ticket.privacy}</dt><dd>${t.ticket.privacies[tk.privacy]}</dd>
          <dt>${t.tickets.channel}</dt><dd>${tk.channel}</dd>
          <dt>${t.tickets.category}</dt><dd>${tk.category}</dd>
          <dt>${t.tickets.agency}</dt><dd>${m.agencyLabel ?? t.ticket.none}</dd>
          <dt>${t.ticket.location}</dt><dd>${tk.location ?? t.ticket.none}</dd>
          <dt>${t.ticket.region}</dt><dd>${tk.regionCode ?? t.ticket.none}</dd>
          <dt>${t.tickets.created}</dt><dd>${when(view, tk.createdAt)}</dd>
          <dt>${t.ticket.verifyDue}</dt><dd>${due(view, tk.status === 'belum_terverifikasi' || tk.status === 'terverifikasi' ? tk.verifyDueAt : null, m.now)}</dd>
          <dt>${t.ticket.followUpDue}</dt><dd>${due(view, tk.status === 'diteruskan' ? tk.followUpDueAt : null, m.now)}</dd>
        </dl>
        ${m.openReviews.length > 0 ? html`<p>${m.openReviews.map((r) => html`<a href="/console/review/${encodeURIComponent(r.id)}">${t.ticket.openReview}: ${t.review.reasons[r.reason]}</a> `)}</p>` : ''}
      </section>
      <section aria-labelledby="conv-h"><h2 id="conv-h">${t.ticket.conversation}</h2>${conversation(view, m)}</section>
    </div>
    <div>
      <section class="panel" aria-labelledby="status-h"><h2 id="status-h">${t.ticket.changeStatus}</h2>${statusForm(view, m)}${m.canEdit ? editForm(view, m) : ''}</section>
      <section class="panel" aria-labelledby="history-h"><h2 id="history-h">${t.ticket.history}</h2>
        <ol class="timeline">${m.history.map(
          (h) => html`<li><strong>${statusLabel(h.to, view.lang)}</strong> · ${when(view, h.at)} · ${t.ticket.by} ${h.actor}${h.note ? html`<br>${h.note}` : ''}</li>`,
        )}</ol>
      </section>
      <section class="panel" aria-labelledby="links-h"><h2 id="links-h">${t.ticket.links}</h2>
        <dl class="facts">
          <dt>${t.ticket.duplicateOf}</dt><dd>${tk.duplicateOf ? ticketLink(tk.duplicateOf) : t.ticket.none}</dd>
          <dt>${t.ticket.duplicates}</dt><dd>${m.duplicates.length ? m.duplicates.map((d) => html`${ticketLink(d.trackingId)} `) : t.ticket.none}</dd>
          <dt>${t.ticket.caseLabel}</dt><dd>${tk.caseId ?? t.ticket.none}</dd>
          <dt>${t.ticket.caseTickets}</dt><dd>${m.caseTickets.length ? m.caseTickets.map((d) => html`${ticketLink(d.trackingId)} `) : t.ticket.none}</dd>
        </dl>
      </section>
    </div>
  </div>`;
  return renderPage(view, { title: `${t.review.ticket} ${tk.trackingId}`, area: 'tickets', body, flash: m.flash, error: m.error });
}

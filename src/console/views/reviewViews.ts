import { html, type SafeHtml } from '../../http/html';
import { REVIEW_REASONS, type InboxRecord, type ReviewItem, type ReviewReason, type Ticket } from '../../store/types';
import { agencyField, type AgencyInfo } from '../agencies';
import { ARCHIVE_REASONS } from '../reviewActions';
import type { TicketStatus } from '../../tickets/status';
import { csrfField, renderPage, when, type View } from '../layout';
import { excerpt, options, senderText, statusBadge, ticketLink } from './common';

export interface Choice {
  value: string;
  label: string;
}

export interface ReviewListModel {
  rows: { item: ReviewItem; message: InboxRecord | null }[];
  total: number;
  reason: ReviewReason | undefined;
  channel: string | undefined;
  channels: readonly string[];
  page: number;
  pageSize: number;
  flash: string | null;
}

function itemHref(id: string, query = ''): string {
  return `/console/review/${encodeURIComponent(id)}${query}`;
}

/** The query string that keeps the queue's filter while moving between items. */
export function queueQuery(reason: string | undefined, channel: string | undefined, page?: number): string {
  const q = new URLSearchParams();
  if (reason) q.set('reason', reason);
  if (channel) q.set('channel', channel);
  if (page !== undefined) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function suggestionText(item: ReviewItem): string {
  const s = item.suggestion;
  return [s.category, s.agency, s.location].filter((x): x is string => typeof x === 'string' && x !== '').join(' · ');
}

export function renderReviewList(view: View, m: ReviewListModel): string {
  const { t } = view;
  const keep = queueQuery(m.reason, m.channel);
  const reasons = REVIEW_REASONS.map((r) => ({ value: r, label: t.review.reasons[r] }));
  const pages = Math.max(1, Math.ceil(m.total / m.pageSize));
  const pageHref = (p: number) => `/console/review${queueQuery(m.reason, m.channel, p)}`;
  const body = html`<form class="filters" method="get" action="/console/review" role="search">
      <div><label for="reason">${t.review.reason}</label><select id="reason" name="reason">${options(reasons, m.reason ?? '', t.review.all)}</select></div>
      <div><label for="channel">${t.review.channel}</label><select id="channel" name="channel">${options(
        m.channels.map((c) => ({ value: c, label: c })),
        m.channel ?? '',
        t.review.all,
      )}</select></div>
      <div><button type="submit">${t.review.filter}</button></div>
    </form>
    <p id="queue-count">${t.review.waiting(m.total)}</p>
    ${m.rows.length === 0
      ? html`<p class="panel">${t.review.empty}</p>`
      : html`<div class="table-wrap"><table aria-describedby="queue-count">
      <thead><tr><th scope="col">${t.review.received}</th><th scope="col">${t.review.reason}</th><th scope="col">${t.review.channel}</th><th scope="col">${t.review.message}</th><th scope="col">${t.review.suggestion}</th></tr></thead>
      <tbody>${m.rows.map(
        ({ item, message }) => html`<tr data-row>
        <td><a href="${itemHref(item.id, keep)}">${when(view, item.createdAt)}</a></td>
        <td>${t.review.reasons[item.reason]}</td>
        <td>${item.channel}</td>
        <td class="excerpt">${message ? excerpt(message.text) : t.ticket.none}</td>
        <td class="excerpt">${suggestionText(item)}</td>
      </tr>`,
      )}</tbody></table></div>`}
    ${pages > 1
      ? html`<nav class="pager" aria-label="${t.tickets.page}">
      ${m.page > 1 ? html`<a href="${pageHref(m.page - 1)}">${t.tickets.prevPage}</a>` : ''}
      <span>${t.tickets.page} ${m.page} / ${pages}</span>
      ${m.page < pages ? html`<a href="${pageHref(m.page + 1)}">${t.tickets.nextPage}</a>` : ''}</nav>`
      : ''}`;
  return renderPage(view, { title: t.review.title, area: 'review', body, flash: m.flash });
}

export interface ReviewItemModel {
  item: ReviewItem;
  ticket: Ticket | null;
  /** The ticket's messages (or the item's one message), oldest first. */
  messages: InboxRecord[];
  candidate: Ticket | null;
  categories: readonly Choice[];
  agencies: readonly AgencyInfo[];
  prevId: string | null;
  nextId: string | null;
  keep: string;
  flash: string | null;
  error: string | null;
}

function attachmentsOf(message: InboxRecord): SafeHtml {
  if (message.attachments.length === 0) return html``;
  // Only web links become links: a javascript: or data: URL from a citizen must never be clickable.
  return html`<ul>${message.attachments.map((a) =>
    /^https?:\/\//i.test(a.url) ? html`<li><a href="${a.url}" rel="noopener noreferrer nofollow" target="_blank">${a.name ?? a.url}</a></li>` : html`<li>${a.name ?? a.url}</li>`,
  )}</ul>`;
}

function messagesPanel(view: View, messages: InboxRecord[], showSender: boolean): SafeHtml {
  const { t } = view;
  if (messages.length === 0) return html`<p>${t.ticket.noConversation}</p>`;
  return html`${messages.map(
    (m) => html`<article class="panel">
      <p class="muted">${when(view, m.receivedAt)} · ${m.channel}${showSender ? html` · ${senderText(m.sender)}` : ''}${m.flags.length ? html` · ${m.flags.join(', ')}` : ''}</p>
      ${m.fields?.title ? html`<p><strong>${m.fields.title}</strong></p>` : ''}
      <div class="message">${m.text}</div>
      ${attachmentsOf(m)}
    </article>`,
  )}`;
}

function suggestionPanel(view: View, item: ReviewItem, candidate: Ticket | null): SafeHtml {
  const { t } = view;
  const s = item.suggestion;
  const shown = (k: string): string | null => {
    const v = s[k];
    if (typeof v === 'number') return v.toFixed(2);
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const facts: [string, string | null][] = [
    [t.review.reason, t.review.reasons[item.reason]],
    ['intent', shown('intent')],
    [t.review.titleField, shown('title')],
    [t.review.category, [shown('category'), shown('categoryConfidence')].filter((x) => x).join(' · ') || null],
    [t.review.agency, [shown('agency'), shown('agencyConfidence')].filter((x) => x).join(' · ') || null],
    [t.review.location, shown('location')],
    [t.review.region, shown('regionCode')],
    [t.review.similarity, shown('similarity')],
  ];
  const otherReasons = Array.isArray(s.reasons) ? (s.reasons as unknown[]).filter((r): r is ReviewReason => (REVIEW_REASONS as readonly unknown[]).includes(r)) : [];
  return html`<section class="panel" aria-labelledby="machine-h">
    <h2 id="machine-h">${t.review.machine}</h2>
    <dl class="facts">${facts.filter(([, v]) => v !== null).map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}
    ${otherReasons.length > 1 ? html`<dt>${t.review.reason}</dt><dd>${otherReasons.map((r) => t.review.reasons[r]).join(', ')}</dd>` : ''}
    ${candidate ? html`<dt>${t.review.possibleDuplicateOf}</dt><dd>${ticketLink(candidate.trackingId)} — ${candidate.title} (${statusBadge(view, candidate.status)})</dd>` : ''}
    </dl>
    ${item.suggestion.advisory === true ? html`<p class="hint" id="advisory-note">${t.review.advisory}</p>` : ''}
    ${item.reasons.length > 0 ? html`<ul>${item.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
  </section>`;
}

/** Ticket statuses a review item's verification steps start from; past them the machine already acted. */
const VERIFIABLE: ReadonlySet<TicketStatus> = new Set(['belum_terverifikasi', 'tunda']);

function actionForms(view: View, m: ReviewItemModel): SafeHtml {
  const { t } = view;
  const base = `/console/review/${encodeURIComponent(m.item.id)}`;
  const keep = m.keep;
  if (m.item.reason === 'reply_impossible') {
    return html`<details open><summary>${t.review.handled}</summary>
      <form class="stack" method="post" action="${base}/handled${keep}">${csrfField(view)}
        <p class="hint">${t.review.handledHint}</p>
        <div><label for="handled-note">${t.review.note} <span class="hint">${t.review.optional}</span></label><textarea id="handled-note" name="note" maxlength="1000"></textarea></div>
        <div><button type="submit">${t.review.handled}</button></div>
      </form></details>`;
  }
  const ticket = m.ticket;
  const s = m.item.suggestion;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const suggestedTarget = str(s.duplicateOf);
  const caseForm = html`<details${ticket && !VERIFIABLE.has(ticket.status) ? html` open` : ''}><summary>${t.review.linkCase}</summary>
      <form class="stack" method="post" action="${base}/kasus${keep}">${csrfField(view)}
        <p class="hint">${t.review.linkCaseHint}</p>
        <div><label for="case-target">${t.review.target}</label><input type="text" id="case-target" name="target" required maxlength="40" inputmode="numeric" value="${suggestedTarget}"></div>
        <div><button type="submit" class="secondary">${t.review.linkSubmit}</button></div>
      </form></details>`;
  // An advisory (a match on a typed phone or email) sits on a ticket the machine already forwarded:
  // verifying, attaching, holding or archiving it would change what its sender sees, so an operator
  // can only link the case and close the item.
  if (ticket && !VERIFIABLE.has(ticket.status)) {
    return html`<p class="hint">${t.review.advisoryForwarded}</p>
    ${caseForm}
    <details open><summary>${t.review.handled}</summary>
      <form class="stack" method="post" action="${base}/handled${keep}">${csrfField(view)}
        <p class="hint">${t.review.advisoryHandledHint}</p>
        <div><label for="handled-note">${t.review.note} <span class="hint">${t.review.optional}</span></label><textarea id="handled-note" name="note" maxlength="1000"></textarea></div>
        <div><button type="submit">${t.review.handled}</button></div>
      </form></details>`;
  }
  return html`<details open><summary>${t.review.verify} <kbd>v</kbd></summary>
      <form class="stack" method="post" action="${base}/verifikasi${keep}">${csrfField(view)}
        <p class="hint">${t.review.verifyHint}</p>
        <div><label for="verify-title">${t.review.titleField}</label><input type="text" id="verify-title" name="title" required minlength="3" maxlength="200" value="${ticket?.title ?? str(s.title)}"></div>
        <div><label for="verify-category">${t.review.category}</label><select id="verify-category" name="category" required>${options(m.categories, ticket?.category ?? str(s.category))}</select></div>
        <div><label for="verify-location">${t.review.location}</label><input type="text" id="verify-location" name="location" maxlength="300" value="${ticket?.location ?? str(s.location)}"></div>
        <div><label for="verify-region">${t.review.region} <span class="hint">${t.review.regionHint}</span></label><input type="text" id="verify-region" name="regionCode" maxlength="20" inputmode="decimal" value="${ticket?.regionCode ?? str(s.regionCode)}"></div>
        <div><label for="verify-agency">${t.review.agency} <span class="hint">${t.review.agencyHint}</span></label>${agencyField({ id: 'verify-agency', name: 'agency', value: ticket?.agency ?? str(s.agency), required: true }, m.agencies)}</div>
        <div><button type="submit">${t.review.verify}</button></div>
      </form></details>
    <details><summary>${t.review.attach} <kbd>d</kbd></summary>
      <form class="stack" method="post" action="${base}/lampirkan${keep}">${csrfField(view)}
        <div><label for="attach-target">${t.review.target}</label><input type="text" id="attach-target" name="target" required maxlength="40" inputmode="numeric" value="${suggestedTarget}"></div>
        <fieldset><legend>${t.review.attach}</legend>
          <label class="choice"><input type="radio" id="attach-duplicate" name="kind" value="duplicate" checked> ${t.review.asDuplicate}</label>
          <label class="choice"><input type="radio" id="attach-followup" name="kind" value="followup"> ${t.review.asFollowup}</label>
        </fieldset>
        <div><button type="submit">${t.review.attachSubmit}</button></div>
      </form></details>
    <details><summary>${t.review.tunda}</summary>
      <form class="stack" method="post" action="${base}/tunda${keep}">${csrfField(view)}
        <div><label for="tunda-note">${t.review.question} <span class="hint">${t.review.questionHint}</span></label><textarea id="tunda-note" name="note" required minlength="5" maxlength="1000"></textarea></div>
        <div><button type="submit">${t.review.tunda}</button></div>
      </form></details>
    <details><summary>${t.review.bukan}</summary>
      <form class="stack" method="post" action="${base}/bukan-wewenang${keep}">${csrfField(view)}
        <div><label for="bukan-note">${t.review.bukanNote}</label><textarea id="bukan-note" name="note" required minlength="5" maxlength="1000">${t.review.bukanDefault}</textarea></div>
        <div><button type="submit">${t.review.bukan}</button></div>
      </form></details>
    <details${m.item.reason === 'possible_spam' || m.item.reason === 'flood' ? html` open` : ''}><summary>${t.review.arsip} <kbd>s</kbd></summary>
      <form class="stack" method="post" action="${base}/arsipkan${keep}">${csrfField(view)}
        <div><label for="archive-reason">${t.review.archiveReason}</label><select id="archive-reason" name="reason">${options(
          ARCHIVE_REASONS.map((r) => ({ value: r, label: t.review.archiveReasons[r] })),
          m.item.reason === 'possible_spam' ? 'spam' : 'tidak_jelas',
        )}</select></div>
        <div><label for="archive-note">${t.review.note} <span class="hint">${t.review.optional}</span></label><textarea id="archive-note" name="note" maxlength="1000"></textarea></div>
        <div><button type="submit" id="archive-submit" class="danger">${t.review.arsip}</button></div>
      </form></details>
    ${caseForm}`;
}

export function renderReviewItem(view: View, m: ReviewItemModel): string {
  const { t } = view;
  const { item, ticket } = m;
  const nav = html`<nav class="pager" aria-label="${t.review.itemTitle}">
    <a href="/console/review${m.keep}">${t.review.backToQueue}</a>
    ${m.prevId ? html`<a rel="prev" href="${itemHref(m.prevId, m.keep)}">← ${t.review.previous} <kbd>k</kbd></a>` : ''}
    ${m.nextId ? html`<a rel="next" href="${itemHref(m.nextId, m.keep)}">${t.review.next} <kbd>j</kbd> →</a>` : ''}
  </nav>`;
  const ticketFacts = ticket
    ? html`<p>${t.review.ticket}: ${ticketLink(ticket.trackingId)} ${statusBadge(view, ticket.status)} · ${t.ticket.privacies[ticket.privacy]}${ticket.caseId ? html` · ${t.ticket.caseLabel} ${ticket.caseId}` : ''}</p>`
    : '';
  const resolved = item.state === 'resolved' ? t.review.resolved(item.resolvedBy ?? '?') : null;
  const body = html`${nav}
    <div class="grid">
      <div>
        <section aria-labelledby="original-h"><h2 id="original-h">${t.review.original}</h2>${ticketFacts}${messagesPanel(view, m.messages, true)}</section>
        ${suggestionPanel(view, item, m.candidate)}
      </div>
      <section class="actions" aria-labelledby="actions-h"><h2 id="actions-h">${t.review.actions}</h2>
        ${item.state === 'open' ? actionForms(view, m) : html`<p>${resolved}</p>`}
      </section>
    </div>`;
  return renderPage(view, {
    title: `${t.review.itemTitle}: ${t.review.reasons[item.reason]}`,
    area: 'review',
    body,
    flash: m.flash,
    error: m.error ?? resolved,
  });
}

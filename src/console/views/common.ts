import { html, type SafeHtml } from '../../http/html';
import type { Sender } from '../../message/inboundMessage';
import { statusLabel, type TicketStatus } from '../../tickets/status';
import type { View } from '../layout';

export function statusBadge(view: View, status: TicketStatus): SafeHtml {
  return html`<span class="badge status-${status}">${statusLabel(status, view.lang)}</span>`;
}

export function ticketLink(trackingId: string): SafeHtml {
  return html`<a href="/console/tickets/${encodeURIComponent(trackingId)}">${trackingId}</a>`;
}

/** Options of a select; `current` is kept even when it is not among them, so nothing is silently changed. */
export function options(list: readonly { value: string; label: string }[], current: string | null | undefined, empty?: string): SafeHtml {
  const all = current && !list.some((o) => o.value === current) ? [{ value: current, label: current }, ...list] : list;
  return html`${empty !== undefined ? html`<option value="">${empty}</option>` : ''}${all.map(
    (o) => html`<option value="${o.value}"${o.value === current ? html` selected` : ''}>${o.label}</option>`,
  )}`;
}

export function senderText(sender: Sender): string {
  return [sender.name, sender.phone, sender.email, sender.handle ? `@${sender.handle.replace(/^@/, '')}` : undefined].filter((x) => x).join(' · ') || sender.id;
}

export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

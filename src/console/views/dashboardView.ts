import { html } from '../../http/html';
import type { ChannelDayCount, OverdueTicket, Page, ReviewReason, SlaClock, SlaCount, SlaStanding } from '../../store/types';
import { REVIEW_REASONS } from '../../store/types';
import { horizontalBars, legend, stackedBars } from '../charts';
import { renderPage, when, type View } from '../layout';
import { statusBadge, ticketLink } from './common';

export interface DashboardModel {
  days: string[];
  perDay: ChannelDayCount[];
  medianSeconds: number | null;
  sla: SlaCount[];
  overdue: Page<OverdueTicket>;
  backlog: Record<ReviewReason, number>;
  failed: { channel: string; count: number }[];
}

const CLOCKS: SlaClock[] = ['verify', 'follow_up'];
const STANDINGS: SlaStanding[] = ['on_track', 'due_soon', 'overdue'];
const STANDING_COLOURS: Record<SlaStanding, string> = { on_track: '#009E73', due_soon: '#8a6d00', overdue: '#B00020' };

function duration(seconds: number, lang: 'id' | 'en'): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const units = lang === 'id' ? ['j', 'mnt', 'dtk'] : ['h', 'min', 's'];
  return [h ? `${h} ${units[0]}` : '', m ? `${m} ${units[1]}` : '', `${rest} ${units[2]}`].filter((x) => x).join(' ');
}

export function renderDashboard(view: View, m: DashboardModel): string {
  const { t } = view;
  const d = t.dashboard;
  const channels = [...new Set(m.perDay.map((r) => r.channel))].sort();
  const count = (day: string, channel: string) => m.perDay.find((r) => r.day === day && r.channel === channel)?.count ?? 0;
  const series = channels.map((c) => ({ name: c, values: m.days.map((day) => count(day, c)) }));
  const slaCount = (clock: SlaClock, standing: SlaStanding) => m.sla.find((c) => c.clock === clock && c.standing === standing)?.count ?? 0;
  const backlogRows = REVIEW_REASONS.map((r) => ({ label: t.review.reasons[r], value: m.backlog[r] ?? 0 }));

  const body = html`<div class="charts">
    <section class="panel" aria-labelledby="msg-h"><h2 id="msg-h">${d.messages}</h2>
      ${channels.length === 0 ? html`<p>${d.noData}</p>` : html`${stackedBars(d.messages, m.days.map((x) => x.slice(5)), series)}${legend(channels)}
      <details><summary>${d.day}</summary><div class="table-wrap"><table><thead><tr><th scope="col">${d.day}</th>${channels.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
      <tbody>${m.days.map((day) => html`<tr><th scope="row">${day}</th>${channels.map((c) => html`<td>${count(day, c)}</td>`)}</tr>`)}</tbody></table></div></details>`}
    </section>
    <section class="panel" aria-labelledby="first-h"><h2 id="first-h">${d.firstReply}</h2>
      <p class="big" id="median-first-reply">${m.medianSeconds === null ? d.noData : duration(m.medianSeconds, view.lang)}</p>
    </section>
    <section class="panel" aria-labelledby="sla-h"><h2 id="sla-h">${d.open}</h2>
      ${CLOCKS.map((clock) => html`<h3>${d.clocks[clock]}</h3>${horizontalBars(d.clocks[clock], STANDINGS.map((st) => ({ label: d.standings[st], value: slaCount(clock, st), colour: STANDING_COLOURS[st] })))}`)}
      <div class="table-wrap"><table id="sla-table"><thead><tr><th scope="col"></th>${STANDINGS.map((st) => html`<th scope="col">${d.standings[st]}</th>`)}</tr></thead>
      <tbody>${CLOCKS.map((clock) => html`<tr><th scope="row">${d.clocks[clock]}</th>${STANDINGS.map((st) => html`<td>${slaCount(clock, st)}</td>`)}</tr>`)}</tbody></table></div>
    </section>
    <section class="panel" aria-labelledby="backlog-h"><h2 id="backlog-h">${d.backlog}</h2>
      ${horizontalBars(d.backlog, backlogRows)}
    </section>
    <section class="panel" aria-labelledby="overdue-h"><h2 id="overdue-h">${d.overdue} (${m.overdue.total})</h2>
      ${m.overdue.items.length === 0 ? html`<p>${d.noData}</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t.tickets.number}</th><th scope="col">${t.tickets.titleCol}</th><th scope="col">${t.tickets.status}</th><th scope="col">${t.tickets.agency}</th><th scope="col">${d.due}</th></tr></thead>
      <tbody>${m.overdue.items.map((o) => html`<tr><td>${ticketLink(o.trackingId)}</td><td class="excerpt">${o.title}</td><td>${statusBadge(view, o.status)}</td><td>${o.agency ?? t.ticket.none}</td><td>${d.clocks[o.clock]}: ${when(view, o.dueAt)}</td></tr>`)}</tbody></table></div>`}
    </section>
    <section class="panel" aria-labelledby="failed-h"><h2 id="failed-h">${d.failed}</h2>
      ${m.failed.length === 0 ? html`<p>${d.noData}</p>` : html`${horizontalBars(d.failed, m.failed.map((f) => ({ label: f.channel, value: f.count, colour: '#B00020' })))}
      <div class="table-wrap"><table><thead><tr><th scope="col">${t.tickets.channel}</th><th scope="col">${d.total}</th></tr></thead><tbody>${m.failed.map((f) => html`<tr><td>${f.channel}</td><td>${f.count}</td></tr>`)}</tbody></table></div>`}
    </section>
  </div>`;
  return renderPage(view, { title: d.title, area: 'dashboard', body });
}

import { Router } from 'express';
import { WIB_OFFSET_MS } from '../tickets/workingCalendar';
import { requireArea } from './guards';
import { sendPage, viewOf } from './request';
import type { ConsoleServices } from './services';
import { renderDashboard } from './views/dashboardView';

const DAY_MS = 86_400_000;
export const DASHBOARD_DAYS = 14;
export const RECENT_DAYS = 7;
const DUE_SOON_MS = DAY_MS;

/** The WIB calendar days ending today, oldest first ("2025-03-01"). */
export function wibDays(now: Date, count: number): string[] {
  const today = Math.floor((now.getTime() + WIB_OFFSET_MS) / DAY_MS);
  return Array.from({ length: count }, (_, i) => new Date((today - count + 1 + i) * DAY_MS).toISOString().slice(0, 10));
}

/** Supervisors' and admins' view of how the service is doing. */
export function dashboardRoutes(s: ConsoleServices): Router {
  const router = Router();
  router.get('/dashboard', requireArea('dashboard'), async (req, res) => {
    const now = s.now();
    const days = wibDays(now, DASHBOARD_DAYS);
    const since = new Date(Date.parse(`${days[0]}T00:00:00Z`) - WIB_OFFSET_MS);
    const recent = new Date(now.getTime() - RECENT_DAYS * DAY_MS);
    const [perDay, medianSeconds, sla, overdue, backlog, failed] = await Promise.all([
      s.store.stats.messagesPerDay(since, now),
      s.store.stats.medianFirstReplySeconds(recent, now),
      s.store.stats.openTicketsBySla(now, DUE_SOON_MS),
      s.store.stats.overdueTickets(now, 0, 20),
      s.store.review.countOpen(),
      s.store.stats.failedRepliesPerChannel(recent, now),
    ]);
    sendPage(res, 200, renderDashboard(viewOf(req, res), { days, perDay, medianSeconds, sla, overdue, backlog, failed }));
  });
  return router;
}

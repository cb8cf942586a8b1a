import { Router, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { HttpError } from '../http/errors';
import { ReviewConflictError, type Ticket, type TicketFilter, type User } from '../store/types';
import { InvalidTransitionError, ReasonRequiredError } from '../tickets/statusChange';
import { scopedTicket } from '../tickets/scopedTicket';
import { parseTrackingNumber } from '../tickets/trackingNumber';
import { WIB_OFFSET_MS } from '../tickets/workingCalendar';
import { agencyChoices } from './agencies';
import { canSearchReporter, canSeeReporter, historyFor, movesFor, scopeFilter, scopeOf } from './access';
import { StatusForm, TicketEditForm, TicketQuery } from './forms';
import { requireArea } from './guards';
import { operatorOf, sendPage, viewOf } from './request';
import { actorOf } from './reviewActions';
import type { ConsoleServices } from './services';
import { fieldErrors, InvalidInputError } from './validation';
import { renderTicketList, renderTicketPage, type TicketQueryValues } from './views/ticketViews';

const PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

/** Midnight WIB at the start of a YYYY-MM-DD day. */
function wibDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) - WIB_OFFSET_MS);
}

function snapshot(t: Ticket): Record<string, unknown> {
  return { status: t.status, title: t.title, category: t.category, location: t.location, regionCode: t.regionCode, agency: t.agency };
}

/** Ticket search, the ticket page, status changes and edits. Liaisons see only their agency's forwarded tickets. */
export function ticketRoutes(s: ConsoleServices): Router {
  const router = Router();
  router.use('/tickets', requireArea('tickets'));

  /** The ticket if it exists and `user` may open it, else null (see scopedTicket). */
  async function visibleTicket(trackingId: string, user: User): Promise<Ticket | null> {
    return (await scopedTicket(s.store, scopeOf(user), trackingId))?.ticket ?? null;
  }

  /** A ticket's link to another one, as `user` may follow it: one out of their reach shows as none. */
  async function visibleLink(trackingId: string | null, user: User): Promise<string | null> {
    if (trackingId === null || scopeOf(user) === '*') return trackingId;
    return (await visibleTicket(trackingId, user)) ? trackingId : null;
  }

  router.get('/tickets', async (req, res) => {
    const { user } = operatorOf(res);
    const q = TicketQuery.parse(req.query);
    const view = viewOf(req, res);
    let flash: string | null = null;
    if (q.nomor) {
      const wanted = parseTrackingNumber(q.nomor);
      if (wanted && (await visibleTicket(wanted, user))) return res.redirect(303, `/console/tickets/${wanted}`);
      flash = view.t.tickets.notFound(q.nomor);
    }
    const filter: TicketFilter = {
      ...(q.q ? { text: q.q } : {}),
      ...(q.reporter && canSearchReporter(user) ? { reporter: q.reporter } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.agency ? { agency: q.agency } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.region ? { region: q.region } : {}),
      ...(q.from ? { from: wibDayStart(q.from) } : {}),
      ...(q.to ? { to: new Date(wibDayStart(q.to).getTime() + DAY_MS) } : {}),
    };
    const page = await s.store.tickets.list(scopeFilter(scopeOf(user), filter), (q.page - 1) * PAGE_SIZE, PAGE_SIZE);
    const values: TicketQueryValues = { ...q };
    sendPage(
      res,
      200,
      renderTicketList(view, {
        page,
        query: values,
        pageNumber: q.page,
        pageSize: PAGE_SIZE,
        categories: s.categories.map((c) => ({ value: c.id, label: c.label[view.lang] })),
        agencies: agencyChoices(s.agencies, q.region ?? null, q.agency ?? null),
        channels: s.channelNames,
        reporterSearch: canSearchReporter(user),
        flash,
      }),
    );
  });

  async function openTicket(req: Request, user: User): Promise<Ticket> {
    const trackingId = parseTrackingNumber(String(req.params.id));
    const ticket = trackingId ? await visibleTicket(trackingId, user) : null;
    // "Not yours" answers as "not found": a liaison cannot learn that another agency's number exists.
    if (!ticket) throw new HttpError(404, 'no such ticket');
    return ticket;
  }

  async function renderTicket(req: Request, res: Response, stored: Ticket, status: number, error: string | null): Promise<void> {
    const { user } = operatorOf(res);
    const view = viewOf(req, res);
    const [storedMessages, replies, history, duplicates, inCase, reviews, duplicateOf] = await Promise.all([
      s.store.inbox.listForTicket(stored.trackingId),
      s.store.replies.listForTicket(stored.trackingId),
      s.store.tickets.history(stored.trackingId),
      s.store.tickets.list(scopeFilter(scopeOf(user), { duplicateOf: stored.trackingId }), 0, 50),
      stored.caseId ? s.store.tickets.list(scopeFilter(scopeOf(user), { caseId: stored.caseId }), 0, 50) : Promise.resolve({ items: [], total: 0 }),
      user.role === 'liaison' ? Promise.resolve({ items: [], total: 0 }) : s.store.review.list({ trackingId: stored.trackingId, state: 'open' }, 0, 10),
      visibleLink(stored.duplicateOf, user),
    ]);
    const revealed = await s.reveal.forPage(user, stored, storedMessages, 'ticket');
    const ticket = { ...(revealed.ticket ?? stored), duplicateOf };
    const messages = revealed.messages;
    const done = req.query.done;
    sendPage(
      res,
      status,
      renderTicketPage(view, {
        ticket,
        messages,
        replies,
        history: historyFor(user, history),
        duplicates: duplicates.items,
        caseTickets: inCase.items.filter((t) => t.trackingId !== ticket.trackingId),
        openReviews: reviews.items,
        showReporter: canSeeReporter(user, ticket),
        moves: movesFor(user, ticket),
        canEdit: user.role !== 'liaison' && ticket.status !== 'diarsipkan',
        categories: s.categories.map((c) => ({ value: c.id, label: c.label[view.lang] })),
        agencies: agencyChoices(s.agencies, ticket.regionCode, ticket.agency),
        agencyLabel: ticket.agency ? (s.agencies.get(ticket.agency)?.name ?? ticket.agency) : null,
        flash: done === 'status' ? view.t.ticket.changed : done === 'edit' ? view.t.ticket.edited : null,
        error,
        now: s.now(),
      }),
    );
  }

  router.get('/tickets/:id', async (req, res) => {
    await renderTicket(req, res, await openTicket(req, operatorOf(res).user), 200, null);
  });

  router.post('/tickets/:id/status', async (req, res) => {
    const { user } = operatorOf(res);
    const ticket = await openTicket(req, user);
    const view = viewOf(req, res);
    try {
      const form = StatusForm.parse(req.body ?? {});
      if (!movesFor(user, ticket).includes(form.to)) throw new HttpError(403, `may not move this ticket to ${form.to}`);
      if (form.to === 'diteruskan' && ticket.agency === null) throw new InvalidInputError(view.t.review.chooseAgency);
      const after = await s.statuses.change({ trackingId: ticket.trackingId, to: form.to, actor: actorOf(user), note: form.note ?? null }, s.now());
      await s.store.audit.record({ actor: actorOf(user), action: 'ticket.status', target: `ticket:${ticket.trackingId}`, before: snapshot(ticket), after: { ...snapshot(after), note: form.note ?? null }, at: s.now() });
      // The item asked a person to decide this ticket's verification; the decision was just made here.
      if (ticket.status === 'belum_terverifikasi' || ticket.status === 'tunda') {
        const { items } = await s.store.review.list({ trackingId: ticket.trackingId, state: 'open' }, 0, 20);
        for (const item of items) {
          await s.store.review.resolve(item.id, `ticket:${form.to}`, actorOf(user), s.now()).catch((e: unknown) => {
            if (!(e instanceof ReviewConflictError)) throw e;
          });
        }
      }
      res.redirect(303, `/console/tickets/${ticket.trackingId}?done=status`);
    } catch (error) {
      if (error instanceof ZodError) return renderTicket(req, res, ticket, 422, `${view.t.errors[422]} ${fieldErrors(error).join('; ')}`);
      if (error instanceof ReasonRequiredError) return renderTicket(req, res, ticket, 422, `${view.t.errors[422]} ${view.t.ticket.noteRequired}`);
      if (error instanceof InvalidInputError) return renderTicket(req, res, ticket, 422, `${view.t.errors[422]} ${error.message}`);
      if (error instanceof InvalidTransitionError) return renderTicket(req, res, ticket, 409, view.t.errors[409] ?? null);
      throw error;
    }
  });

  router.post('/tickets/:id/edit', async (req, res) => {
    const { user } = operatorOf(res);
    if (user.role === 'liaison') throw new HttpError(403, 'liaisons do not edit tickets');
    const ticket = await openTicket(req, user);
    const view = viewOf(req, res);
    const parsed = TicketEditForm.safeParse(req.body ?? {});
    if (!parsed.success) return renderTicket(req, res, ticket, 422, `${view.t.errors[422]} ${fieldErrors(parsed.error).join('; ')}`);
    const f = parsed.data;
    if (f.agency && !s.agencies.get(f.agency)) return renderTicket(req, res, ticket, 422, `${view.t.errors[422]} ${view.t.review.agency}: ${f.agency}?`);
    if (!s.categories.some((c) => c.id === f.category)) return renderTicket(req, res, ticket, 422, `${view.t.errors[422]} ${view.t.review.category}: ${f.category}?`);
    const after = await s.store.tickets.update(
      ticket.trackingId,
      { title: f.title, category: f.category, location: f.location ?? null, regionCode: f.regionCode ?? null, agency: f.agency ?? null },
      s.now(),
    );
    await s.store.audit.record({ actor: actorOf(user), action: 'ticket.update', target: `ticket:${ticket.trackingId}`, before: snapshot(ticket), after: after ? snapshot(after) : null, at: s.now() });
    res.redirect(303, `/console/tickets/${ticket.trackingId}?done=edit`);
  });

  return router;
}

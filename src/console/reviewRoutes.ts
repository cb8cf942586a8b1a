import { Router, type Request, type Response } from 'express';
import { ZodError } from 'zod';
import { HttpError } from '../http/errors';
import type { ReviewFilter, ReviewItem } from '../store/types';
import { InvalidTransitionError, ReasonRequiredError } from '../tickets/statusChange';
import { agencyChoices, agencyName } from './agencies';
import { requireArea } from './guards';
import { ArchiveForm, AttachForm, LinkCaseForm, OptionalNoteForm, QuestionForm, ReviewQuery, VerifyForm } from './forms';
import { ReviewClosedError } from './reviewActions';
import { operatorOf, sendPage, viewOf } from './request';
import type { ConsoleServices } from './services';
import { fieldErrors, InvalidInputError } from './validation';
import { queueQuery, renderReviewItem, renderReviewList } from './views/reviewViews';

const PAGE_SIZE = 25;
// How far along the queue the item page looks for its neighbours (j/k). Beyond it, "next" is the head of the queue.
const NEIGHBOUR_WINDOW = 500;

function filterOf(req: Request): { filter: ReviewFilter; reason: ReviewFilter['reason']; channel: string | undefined; page: number } {
  const q = ReviewQuery.parse(req.query);
  return {
    filter: { state: 'open', ...(q.reason ? { reason: q.reason } : {}), ...(q.channel ? { channel: q.channel } : {}) },
    reason: q.reason,
    channel: q.channel,
    page: q.page,
  };
}

function doneMessage(req: Request, res: Response): string | null {
  const done = req.query.done;
  const messages = viewOf(req, res).t.review.done;
  return typeof done === 'string' && Object.hasOwn(messages, done) ? (messages[done] ?? null) : null;
}

/** The review queue and its actions: verifiers, supervisors and admins. */
export function reviewRoutes(s: ConsoleServices): Router {
  const router = Router();
  router.use('/review', requireArea('review'));

  router.get('/review', async (req, res) => {
    const { filter, reason, channel, page } = filterOf(req);
    const { items, total } = await s.store.review.list(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    const rows = await Promise.all(items.map(async (item) => ({ item, message: item.messageKey ? await s.store.inbox.get(item.messageKey) : null })));
    sendPage(res, 200, renderReviewList(viewOf(req, res), { rows, total, reason, channel, channels: s.channelNames, page, pageSize: PAGE_SIZE, flash: doneMessage(req, res) }));
  });

  async function loadItem(req: Request): Promise<ReviewItem> {
    const item = await s.store.review.get(String(req.params.id));
    if (!item) throw new HttpError(404, 'no such review item');
    return item;
  }

  async function renderItem(req: Request, res: Response, item: ReviewItem, status: number, error: string | null): Promise<void> {
    const { filter, reason, channel } = filterOf(req);
    const stored = item.trackingId ? await s.store.tickets.get(item.trackingId) : null;
    const own = stored ? await s.store.inbox.listForTicket(stored.trackingId) : [];
    const single = own.length === 0 && item.messageKey ? await s.store.inbox.get(item.messageKey) : null;
    const { ticket, messages } = await s.reveal.forPage(operatorOf(res).user, stored, own.length > 0 ? own : single ? [single] : [], 'review');
    const candidateId = typeof item.suggestion.duplicateOf === 'string' ? item.suggestion.duplicateOf : null;
    const candidate = candidateId ? await s.store.tickets.get(candidateId) : null;
    const { items: around } = await s.store.review.list(filter, 0, NEIGHBOUR_WINDOW);
    const at = around.findIndex((i) => i.id === item.id);
    const others = around.filter((i) => i.id !== item.id);
    sendPage(
      res,
      status,
      renderReviewItem(viewOf(req, res), {
        item,
        ticket,
        messages,
        candidate,
        categories: s.categories.map((c) => ({ value: c.id, label: c.label[viewOf(req, res).lang] })),
        agencies: agencyChoices(s.agencies, ticket?.regionCode ?? (typeof item.suggestion.regionCode === 'string' ? item.suggestion.regionCode : null), ticket?.agency ?? null),
        prevId: at > 0 ? (around[at - 1]?.id ?? null) : null,
        nextId: at >= 0 ? (around[at + 1]?.id ?? null) : (others[0]?.id ?? null),
        keep: queueQuery(reason, channel),
        flash: doneMessage(req, res),
        error,
      }),
    );
  }

  router.get('/review/:id', async (req, res) => {
    await renderItem(req, res, await loadItem(req), 200, null);
  });

  /** After an action: the head of the queue (same filter), where the next piece of work is. */
  async function afterAction(req: Request, res: Response, done: string, stay: ReviewItem | null): Promise<void> {
    const { filter, reason, channel } = filterOf(req);
    const keep = new URLSearchParams(queueQuery(reason, channel));
    keep.set('done', done);
    if (stay) return res.redirect(303, `/console/review/${encodeURIComponent(stay.id)}?${keep.toString()}`);
    const { items } = await s.store.review.list(filter, 0, 1);
    const next = items[0];
    res.redirect(303, next ? `/console/review/${encodeURIComponent(next.id)}?${keep.toString()}` : `/console/review?${keep.toString()}`);
  }

  router.post('/review/:id/:action', async (req, res) => {
    const item = await loadItem(req);
    const { user } = operatorOf(res);
    const view = viewOf(req, res);
    const body: unknown = req.body ?? {};
    try {
      switch (req.params.action) {
        case 'verifikasi': {
          const f = VerifyForm.parse(body);
          const agency = s.agencies.get(f.agency);
          if (!agency) throw new InvalidInputError(`${view.t.review.agency}: ${f.agency}?`);
          if (!s.categories.some((c) => c.id === f.category)) throw new InvalidInputError(`${view.t.review.category}: ${f.category}?`);
          await s.actions.verifikasi(item, user, {
            title: f.title,
            category: f.category,
            location: f.location ?? null,
            regionCode: f.regionCode ?? null,
            agency: agency.id,
            agencyName: agencyName(s.agencies, agency.id) ?? agency.id,
          });
          return await afterAction(req, res, 'verifikasi', null);
        }
        case 'tunda':
          await s.actions.tunda(item, user, QuestionForm.parse(body).note);
          return await afterAction(req, res, 'tunda', null);
        case 'bukan-wewenang':
          await s.actions.bukanWewenang(item, user, QuestionForm.parse(body).note);
          return await afterAction(req, res, 'bukan_wewenang', null);
        case 'arsipkan': {
          const f = ArchiveForm.parse(body);
          await s.actions.arsipkan(item, user, f.reason, f.note ?? null);
          return await afterAction(req, res, 'arsipkan', null);
        }
        case 'lampirkan': {
          const f = AttachForm.parse(body);
          await s.actions.attach(item, user, f.target, f.kind);
          return await afterAction(req, res, 'attach', null);
        }
        case 'kasus': {
          const f = LinkCaseForm.parse(body);
          await s.actions.linkCase(item, user, f.target);
          return await afterAction(req, res, 'kasus', item);
        }
        case 'handled':
          await s.actions.markHandled(item, user, OptionalNoteForm.parse(body).note ?? null);
          return await afterAction(req, res, 'handled', null);
        default:
          throw new HttpError(404, 'no such action');
      }
    } catch (error) {
      // The operator stays on the item with what went wrong; nothing was changed by a refused form.
      if (error instanceof ZodError) return renderItem(req, res, item, 422, `${view.t.errors[422]} ${fieldErrors(error).join('; ')}`);
      if (error instanceof InvalidInputError || error instanceof ReasonRequiredError) return renderItem(req, res, item, 422, `${view.t.errors[422]} ${error.message}`);
      if (error instanceof ReviewClosedError) return renderItem(req, res, error.item, 409, null);
      if (error instanceof InvalidTransitionError) return renderItem(req, res, item, 409, `${view.t.errors[409]} (${error.message})`);
      throw error;
    }
  });

  return router;
}

import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { HttpError } from '../http/errors';
import { DuplicateUserError, type User } from '../store/types';
import { agencyChoices } from './agencies';
import { NewUserForm, UserUpdateForm } from './forms';
import { requireArea } from './guards';
import { hashPassword } from './password';
import { operatorOf, sendPage, viewOf } from './request';
import { actorOf } from './reviewActions';
import type { ConsoleServices } from './services';
import { fieldErrors } from './validation';
import { renderUsers } from './views/usersView';

/** What the audit log keeps of an operator: never the password hash. */
export function publicUser(u: User): Record<string, unknown> {
  return { email: u.email, name: u.name, role: u.role, agency: u.agency, disabled: u.disabled };
}

/** Admins add operators, disable them and set passwords. */
export function userRoutes(s: ConsoleServices): Router {
  const router = Router();
  router.use('/users', requireArea('users'));

  async function page(req: Request, res: Response, status: number, flash: string | null, error: string | null): Promise<void> {
    const view = viewOf(req, res);
    const users = await s.store.users.list();
    sendPage(res, status, renderUsers(view, { users, agencies: agencyChoices(s.agencies, null, null), flash, error }));
  }

  router.get('/users', async (req, res) => {
    const t = viewOf(req, res).t.users;
    await page(req, res, 200, req.query.done === 'created' ? t.created : req.query.done === 'updated' ? t.updated : null, null);
  });

  router.post('/users', async (req, res) => {
    const { user: admin } = operatorOf(res);
    const t = viewOf(req, res).t;
    const parsed = NewUserForm.safeParse(req.body ?? {});
    if (!parsed.success) return page(req, res, 422, null, `${t.errors[422]} ${fieldErrors(parsed.error).join('; ')}`);
    const f = parsed.data;
    if (f.role === 'liaison' && f.agency && !s.agencies.get(f.agency)) return page(req, res, 422, null, `${t.errors[422]} ${t.users.agency}: ${f.agency}?`);
    try {
      const created = await s.store.users.create({
        id: randomUUID(),
        email: f.email,
        name: f.name,
        role: f.role,
        agency: f.role === 'liaison' ? (f.agency ?? null) : null,
        passwordHash: await hashPassword(f.password),
        createdAt: s.now(),
      });
      await s.store.audit.record({ actor: actorOf(admin), action: 'user.create', target: `user:${created.id}`, before: null, after: publicUser(created), at: s.now() });
    } catch (error) {
      if (error instanceof DuplicateUserError) return page(req, res, 409, null, t.users.duplicate);
      throw error;
    }
    res.redirect(303, '/console/users?done=created');
  });

  router.post('/users/:id', async (req, res) => {
    const { user: admin } = operatorOf(res);
    const t = viewOf(req, res).t;
    const target = await s.store.users.get(String(req.params.id));
    if (!target) throw new HttpError(404, 'no such operator');
    const parsed = UserUpdateForm.safeParse(req.body ?? {});
    if (!parsed.success) return page(req, res, 422, null, `${t.errors[422]} ${fieldErrors(parsed.error).join('; ')}`);
    const f = parsed.data;
    if (f.op === 'disable' && target.id === admin.id) return page(req, res, 422, null, t.users.self);
    const patch = f.op === 'password' ? { passwordHash: await hashPassword(f.password) } : { disabled: f.op === 'disable' };
    const after = await s.store.users.update(target.id, patch, s.now());
    await s.store.audit.record({
      actor: actorOf(admin),
      action: f.op === 'password' ? 'user.password' : `user.${f.op}`,
      target: `user:${target.id}`,
      before: publicUser(target),
      after: after ? publicUser(after) : null,
      at: s.now(),
    });
    res.redirect(303, '/console/users?done=updated');
  });

  return router;
}

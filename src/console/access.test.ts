import type { StatusChange, Ticket, User } from '../store/types';
import { canEnter, canOpenTicket, canSeeReporter, historyFor, movesFor, scopeFilter, scopeOf } from './access';

const user = (role: User['role'], agency: string | null = null): User => ({
  id: 'u', email: 'u@x', name: 'U', role, agency, passwordHash: '', createdAt: new Date(0), updatedAt: new Date(0), disabled: false,
});
const ticket = (over: Partial<Ticket>): Ticket =>
  ({ trackingId: '1', status: 'diteruskan', agency: 'dinas-a', privacy: 'public', ...over }) as Ticket;
const entry = (from: StatusChange['from'], to: StatusChange['to'], agency: string | null, actor = 'operator:ani@x.id'): StatusChange =>
  ({ trackingId: '1', from, to, agency, actor, note: null, at: new Date(0) });
/** Forwarded to `agency`, then handed back by it. */
const handedBackBy = (agency: string) => [entry('terverifikasi', 'diteruskan', agency), entry('diteruskan', 'bukan_wewenang', agency)];

describe('console access rules', () => {
  test('areas per role', () => {
    expect(canEnter('verifier', 'review')).toBe(true);
    expect(canEnter('verifier', 'dashboard')).toBe(false);
    expect(canEnter('liaison', 'review')).toBe(false);
    expect(canEnter('supervisor', 'dashboard')).toBe(true);
    expect(canEnter('supervisor', 'users')).toBe(false);
    expect(canEnter('admin', 'queues')).toBe(true);
  });

  test('a liaison opens forwarded tickets of their own agency only', () => {
    const l = scopeOf(user('liaison', 'dinas-a'));
    expect(canOpenTicket(l, ticket({}), [])).toBe(true);
    expect(canOpenTicket(l, ticket({ agency: 'dinas-b' }), [])).toBe(false);
    expect(canOpenTicket(l, ticket({ status: 'belum_terverifikasi' }), [])).toBe(false);
    expect(canOpenTicket(l, ticket({ status: 'bukan_wewenang' }), handedBackBy('dinas-a'))).toBe(true);
    // Re-routed after the hand-back: the agency that handed it back keeps it, the new one never had it.
    expect(canOpenTicket(l, ticket({ status: 'bukan_wewenang', agency: 'dinas-b' }), handedBackBy('dinas-a'))).toBe(true);
    expect(canOpenTicket(['dinas-b'], ticket({ status: 'bukan_wewenang', agency: 'dinas-b' }), handedBackBy('dinas-a'))).toBe(false);
    // Turned down by the office before any forwarding: never the agency's.
    expect(canOpenTicket(l, ticket({ status: 'bukan_wewenang' }), [entry('terverifikasi', 'bukan_wewenang', 'dinas-a')])).toBe(false);
    expect(canOpenTicket(scopeOf(user('liaison', null)), ticket({ agency: null }), [])).toBe(false);
    expect(canOpenTicket(scopeOf(user('verifier')), ticket({ agency: 'dinas-b', status: 'belum_terverifikasi' }), [])).toBe(true);
  });

  test('a liaison search is pinned to their agency and forwarded statuses, without reporter search', () => {
    // Asking for another agency keeps both conditions: the search finds nothing rather than widening.
    expect(scopeFilter(scopeOf(user('liaison', 'dinas-a')), { agency: 'dinas-b', reporter: '+62812', text: 'x' })).toEqual({
      agency: 'dinas-b', agencies: ['dinas-a'], text: 'x', statuses: ['diteruskan', 'ditindaklanjuti', 'selesai'],
    });
    expect(scopeFilter(scopeOf(user('liaison', 'dinas-a')), { status: 'belum_terverifikasi' }).statuses).toEqual([]);
    expect(scopeFilter(scopeOf(user('liaison', null)), {}).agencies).toEqual([]);
    expect(scopeFilter(scopeOf(user('verifier')), { reporter: '+62812' })).toEqual({ reporter: '+62812' });
  });

  test('an agency system token reads as a liaison of each agency in its scope; * reads every ticket', () => {
    expect(canOpenTicket(['dinas-a', 'dinas-b'], ticket({ agency: 'dinas-b' }), [])).toBe(true);
    expect(canOpenTicket(['dinas-a', 'dinas-b'], ticket({ agency: 'dinas-c' }), [])).toBe(false);
    expect(canOpenTicket(['dinas-a'], ticket({ status: 'belum_terverifikasi' }), [])).toBe(false);
    expect(canOpenTicket('*', ticket({ status: 'belum_terverifikasi' }), [])).toBe(true);
    expect(scopeFilter(['dinas-a', 'dinas-b'], {}).agencies).toEqual(['dinas-a', 'dinas-b']);
  });

  test('agencies read who acted as a kind, never an operator email; the office reads it', () => {
    const history = [entry(null, 'belum_terverifikasi', null, 'system:intake'), entry('diteruskan', 'bukan_wewenang', 'dinas-a')];
    for (const role of ['liaison', 'api'] as const) {
      expect(historyFor({ role }, history).map((h) => h.actor)).toEqual(['system:intake', 'operator']);
    }
    expect(historyFor({ role: 'verifier' }, history).map((h) => h.actor)).toEqual(['system:intake', 'operator:ani@x.id']);
  });

  test('moves follow the lifecycle and the role', () => {
    expect(movesFor(user('liaison', 'dinas-a'), ticket({ status: 'diteruskan' }))).toEqual(['ditindaklanjuti', 'bukan_wewenang']);
    expect(movesFor(user('liaison', 'dinas-a'), ticket({ status: 'belum_terverifikasi' }))).toEqual([]);
    expect(movesFor(user('verifier'), ticket({ status: 'belum_terverifikasi' }))).toEqual(['terverifikasi', 'tunda', 'bukan_wewenang', 'diarsipkan']);
    expect(movesFor(user('verifier'), ticket({ status: 'ditindaklanjuti' }))).toEqual([]);
    expect(movesFor(user('supervisor'), ticket({ status: 'ditindaklanjuti' }))).toEqual(['selesai']);
  });

  test('reporters of anonim and rahasia tickets are hidden from liaisons and API tokens only', () => {
    for (const privacy of ['anonim', 'rahasia'] as const) {
      expect(canSeeReporter(user('liaison', 'dinas-a'), ticket({ privacy }))).toBe(false);
      expect(canSeeReporter(user('verifier'), ticket({ privacy }))).toBe(true);
    }
    expect(canSeeReporter(user('liaison', 'dinas-a'), ticket({ privacy: 'public' }))).toBe(true);
    // API tokens, the national office's included, never see who sent an anonim or rahasia report.
    expect(canSeeReporter({ role: 'api' }, ticket({ privacy: 'rahasia' }))).toBe(false);
    expect(canSeeReporter({ role: 'api' }, ticket({ privacy: 'anonim' }))).toBe(false);
    expect(canSeeReporter({ role: 'api' }, ticket({ privacy: 'public' }))).toBe(true);
  });
});

import type { Ticket, User } from '../store/types';
import { canEnter, canOpenTicket, canSeeReporter, movesFor, scopeFilter, scopeOf } from './access';

const user = (role: User['role'], agency: string | null = null): User => ({
  id: 'u', email: 'u@x', name: 'U', role, agency, passwordHash: '', createdAt: new Date(0), updatedAt: new Date(0), disabled: false,
});
const ticket = (over: Partial<Ticket>): Ticket =>
  ({ trackingId: '1', status: 'diteruskan', agency: 'dinas-a', privacy: 'public', ...over }) as Ticket;

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
    expect(canOpenTicket(l, ticket({}), false)).toBe(true);
    expect(canOpenTicket(l, ticket({ agency: 'dinas-b' }), false)).toBe(false);
    expect(canOpenTicket(l, ticket({ status: 'belum_terverifikasi' }), false)).toBe(false);
    expect(canOpenTicket(l, ticket({ status: 'bukan_wewenang' }), true)).toBe(true);
    expect(canOpenTicket(scopeOf(user('liaison', null)), ticket({ agency: null }), false)).toBe(false);
    expect(canOpenTicket(scopeOf(user('verifier')), ticket({ agency: 'dinas-b', status: 'belum_terverifikasi' }), false)).toBe(true);
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
    expect(canOpenTicket(['dinas-a', 'dinas-b'], ticket({ agency: 'dinas-b' }), false)).toBe(true);
    expect(canOpenTicket(['dinas-a', 'dinas-b'], ticket({ agency: 'dinas-c' }), false)).toBe(false);
    expect(canOpenTicket(['dinas-a'], ticket({ status: 'belum_terverifikasi' }), false)).toBe(false);
    expect(canOpenTicket('*', ticket({ status: 'belum_terverifikasi' }), false)).toBe(true);
    expect(scopeFilter(['dinas-a', 'dinas-b'], {}).agencies).toEqual(['dinas-a', 'dinas-b']);
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

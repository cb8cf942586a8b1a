import { StoreUnavailableError } from '../types';
import { isUnavailableError, translateError } from './sqlClient';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });

describe('isUnavailableError', () => {
  test.each([
    ['refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['unknown host', withCode('getaddrinfo ENOTFOUND db', 'ENOTFOUND')],
    ['server shutdown', withCode('terminating connection due to administrator command', '57P01')],
    ['connection exception class', withCode('connection failure', '08006')],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['pg connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg connect timeout', new Error('timeout exceeded when trying to connect')],
    ['ended pool', new Error('Cannot use a pool after calling end on the pool')],
    ['closed PGlite', new Error('PGlite is closed')],
    ['database closed to connections', withCode('database "lapor" is not currently accepting connections', '55000')],
    ['every address refused', new AggregateError([withCode('x', 'ECONNREFUSED'), withCode('y', 'ECONNREFUSED')], '')],
    ['wrapped cause', new Error('query failed', { cause: withCode('x', 'ETIMEDOUT') })],
    ['plain object from another realm', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
  ])('%s is unavailable', (_label, err) => {
    expect(isUnavailableError(err)).toBe(true);
    expect(() => translateError(err)).toThrow(StoreUnavailableError);
  });

  test.each([
    ['unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['check violation', withCode('new row violates check constraint', '23514')],
    ['syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['invalid text', withCode('invalid byte sequence for encoding "UTF8": 0x00', '22021')],
    ['plain error', new Error('ticket LPR-1 not found')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('%s is not unavailable and is rethrown as itself', (_label, err) => {
    expect(isUnavailableError(err)).toBe(false);
    let thrown: unknown;
    try {
      translateError(err);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(err);
  });

  test('an already translated error is not wrapped twice', () => {
    const err = new StoreUnavailableError(new Error('x'));
    expect(() => translateError(err)).toThrow(err);
  });
});

import { ALL_ROLES, parseCommand, UsageError } from './roles';

describe('parseCommand', () => {
  it('runs everything by default', () => {
    expect(parseCommand([])).toEqual({ kind: 'run', roles: ALL_ROLES });
    expect(parseCommand(['all'])).toEqual({ kind: 'run', roles: ALL_ROLES });
  });

  it('splits roles for scaling out', () => {
    expect(parseCommand(['api'])).toEqual({ kind: 'run', roles: { api: true, inbound: false, outbound: [], maintenance: false } });
    expect(parseCommand(['worker', 'inbound'])).toMatchObject({ roles: { api: false, inbound: true } });
    expect(parseCommand(['worker', 'outbound'])).toMatchObject({ roles: { outbound: 'all', inbound: false } });
    expect(parseCommand(['worker', 'outbound', 'sms', 'web'])).toMatchObject({ roles: { outbound: ['sms', 'web'] } });
    expect(parseCommand(['migrate'])).toEqual({ kind: 'migrate' });
  });

  it('explains what it accepts when the command is wrong', () => {
    expect(() => parseCommand(['worker', 'everything'])).toThrow(UsageError);
    expect(() => parseCommand(['serve'])).toThrow(/usage: node dist\/src\/main.js/);
  });
});

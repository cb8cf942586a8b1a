import { GraphApiError } from './graphErrors';

describe('GraphApiError classification', () => {
  it.each([
    [400, 190, 463, false, 'token'],
    [400, 4, null, true, 'rate_limit'],
    [400, 17, null, false, 'rate_limit'],
    [400, 32, null, false, 'rate_limit'],
    [400, 613, null, false, 'rate_limit'],
    [400, 10, 2018278, false, 'outside_window'],
    [500, 2, null, true, 'transient'],
    [503, null, null, false, 'transient'],
    [400, 1, null, true, 'transient'],
    [400, 100, 33, false, 'permanent'],
    [403, 10, null, false, 'permanent'],
  ])('status %i code %p subcode %p transient %p is %s', (status, code, subcode, transient, kind) => {
    expect(new GraphApiError(status, code, subcode, 'x', transient).kind).toBe(kind);
  });
});

import { CaseIds } from './caseIds';

describe('case ids', () => {
  test('the same first ticket gives the same id under one secret, so workers agree', () => {
    expect(new CaseIds('s3cret').for('2483207166')).toBe(new CaseIds('s3cret').for('2483207166'));
  });

  test('the id shows neither the ticket number nor a hash anyone can recompute without the secret', () => {
    const id = new CaseIds('s3cret').for('2483207166');
    expect(id).toMatch(/^K-[0-9A-F]{16}$/);
    expect(id).not.toContain('2483207166');
    expect(new CaseIds('other').for('2483207166')).not.toBe(id);
    expect(new CaseIds('s3cret').for('2483207167')).not.toBe(id);
  });
});

import {
  AUTO_CLOSE_AFTER_DAYS,
  FOLLOW_UP_WITHIN_DAYS,
  VERIFY_WITHIN_DAYS,
  autoCloseAt,
  followUpDueAt,
  isOverdue,
  verifyDueAt,
} from './sla';
import { WorkingCalendar, loadWorkingCalendar } from './workingCalendar';

function wib(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+07:00`);
}

// 2026-11-23 is a Monday. 2026-11-25 is made a holiday to see the clocks skip it.
const cal = new WorkingCalendar(['2026-11-25']);

describe('SLA constants', () => {
  it('follows LAPOR!', () => {
    expect([VERIFY_WITHIN_DAYS, FOLLOW_UP_WITHIN_DAYS, AUTO_CLOSE_AFTER_DAYS]).toEqual([3, 5, 10]);
  });
});

describe('verifyDueAt', () => {
  it('is three working days later at the same time', () => {
    expect(verifyDueAt(wib('2026-11-16 14:05'), cal)).toEqual(wib('2026-11-19 14:05'));
  });

  it('skips a holiday in the middle of the week', () => {
    // Tue 24 -> (Wed 25 holiday) Thu 26, Fri 27, Mon 30.
    expect(verifyDueAt(wib('2026-11-24 09:00'), cal)).toEqual(wib('2026-11-30 09:00'));
  });

  it('starts a Friday-night report on Monday morning', () => {
    // Sat 00:30 WIB is still Friday in UTC; the clock starts Mon 23 08:00 and skips Wed 25.
    expect(verifyDueAt(new Date('2026-11-20T17:30:00Z'), cal)).toEqual(wib('2026-11-27 08:00'));
  });

  it('crosses the Idulfitri 2026 break on the shipped calendar', () => {
    expect(verifyDueAt(wib('2026-03-19 10:00'), loadWorkingCalendar())).toEqual(wib('2026-03-30 08:00'));
  });
});

describe('followUpDueAt', () => {
  it('is five working days later, over a weekend', () => {
    expect(followUpDueAt(wib('2026-11-17 11:00'), cal)).toEqual(wib('2026-11-24 11:00'));
  });

  it('skips the weekend and the holiday', () => {
    // Fri 20 -> Mon 23, Tue 24, (Wed 25), Thu 26, Fri 27, (weekend) Mon 30.
    expect(followUpDueAt(wib('2026-11-20 16:00'), cal)).toEqual(wib('2026-11-30 16:00'));
  });
});

describe('autoCloseAt', () => {
  it('is ten working days later: two weeks plus the holiday', () => {
    expect(autoCloseAt(wib('2026-11-23 10:00'), cal)).toEqual(wib('2026-12-08 10:00'));
  });

  it('starts a Sunday follow-up on Monday 08:00', () => {
    expect(autoCloseAt(wib('2026-11-22 20:00'), cal)).toEqual(wib('2026-12-08 08:00'));
  });
});

describe('isOverdue', () => {
  const due = wib('2026-11-26 14:05');

  it('is false up to and including the due instant', () => {
    expect(isOverdue(due, wib('2026-11-26 14:04'))).toBe(false);
    expect(isOverdue(due, due)).toBe(false);
  });

  it('is true after it', () => {
    expect(isOverdue(due, new Date(due.getTime() + 1))).toBe(true);
  });

  it('is false when no clock is running', () => {
    expect(isOverdue(null, wib('2030-01-01 00:00'))).toBe(false);
  });
});

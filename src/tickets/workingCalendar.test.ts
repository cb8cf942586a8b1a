import holidaysFile from '../../config/holidays.json';
import { WorkingCalendar, loadWorkingCalendar } from './workingCalendar';

/** A WIB wall-clock time, e.g. wib('2026-11-23 14:05'). */
function wib(local: string): Date {
  const d = new Date(`${local.replace(' ', 'T')}:00+07:00`);
  if (Number.isNaN(d.getTime())) throw new Error(`bad test date ${local}`);
  return d;
}

// 2026-11-23 is a Monday; 2026-08-17 (Independence Day) a Monday holiday.
const plain = new WorkingCalendar([]);
const withIndependenceDay = new WorkingCalendar(['2026-08-17']);

describe('isWorkingDay', () => {
  it('is Monday to Friday', () => {
    expect(plain.isWorkingDay(wib('2026-11-23 09:00'))).toBe(true);
    expect(plain.isWorkingDay(wib('2026-11-27 16:00'))).toBe(true);
    expect(plain.isWorkingDay(wib('2026-11-28 09:00'))).toBe(false);
    expect(plain.isWorkingDay(wib('2026-11-29 09:00'))).toBe(false);
  });

  it('judges the day in WIB, not UTC', () => {
    // Friday 23:30 WIB is 16:30 UTC Friday; Saturday 00:30 WIB is still Friday in UTC.
    expect(plain.isWorkingDay(new Date('2026-11-27T16:30:00Z'))).toBe(true);
    expect(plain.isWorkingDay(new Date('2026-11-27T17:30:00Z'))).toBe(false);
    // Monday 00:30 WIB is Sunday in UTC.
    expect(plain.isWorkingDay(new Date('2026-11-29T17:30:00Z'))).toBe(true);
  });

  it('skips holidays, judged in WIB', () => {
    expect(withIndependenceDay.isWorkingDay(wib('2026-08-17 10:00'))).toBe(false);
    expect(withIndependenceDay.isWorkingDay(new Date('2026-08-16T17:30:00Z'))).toBe(false);
    expect(withIndependenceDay.isWorkingDay(new Date('2026-08-17T17:30:00Z'))).toBe(true);
    expect(plain.isWorkingDay(wib('2026-08-17 10:00'))).toBe(true);
  });

  it('rejects an invalid date', () => {
    expect(() => plain.isWorkingDay(new Date('nope'))).toThrow(RangeError);
  });
});

describe('constructor', () => {
  it.each([['2026-02-30'], ['2026-2-3'], ['17-08-2026'], [''], ['2026-13-01'], ['2026-08-17T00:00']])(
    'rejects holiday %j',
    (bad) => {
      expect(() => new WorkingCalendar(['2026-08-17', bad])).toThrow(RangeError);
    },
  );

  it('tolerates duplicates and holidays on weekends', () => {
    const cal = new WorkingCalendar(['2026-08-17', '2026-08-17', '2026-11-28']);
    expect(cal.workingDaysBetween(wib('2026-08-14 10:00'), wib('2026-08-18 10:00'))).toBe(1);
    expect(cal.workingDaysBetween(wib('2026-11-27 10:00'), wib('2026-11-30 10:00'))).toBe(1);
  });
});

describe('addWorkingDays', () => {
  it('keeps the time of day within a week', () => {
    expect(plain.addWorkingDays(wib('2026-11-23 14:05'), 3)).toEqual(wib('2026-11-26 14:05'));
  });

  it('skips the weekend', () => {
    expect(plain.addWorkingDays(wib('2026-11-26 10:00'), 3)).toEqual(wib('2026-12-01 10:00'));
    expect(plain.addWorkingDays(wib('2026-11-27 23:59'), 1)).toEqual(wib('2026-11-30 23:59'));
  });

  it('counts a weekend start from Monday 08:00 WIB', () => {
    expect(plain.addWorkingDays(wib('2026-11-28 21:00'), 3)).toEqual(wib('2026-12-03 08:00'));
    expect(plain.addWorkingDays(wib('2026-11-29 06:00'), 0)).toEqual(wib('2026-11-30 08:00'));
  });

  it('counts a holiday start from the next working day 08:00 WIB', () => {
    expect(withIndependenceDay.addWorkingDays(wib('2026-08-17 10:00'), 1)).toEqual(wib('2026-08-19 08:00'));
  });

  it('skips holidays inside the span', () => {
    expect(withIndependenceDay.addWorkingDays(wib('2026-08-14 11:00'), 1)).toEqual(wib('2026-08-18 11:00'));
  });

  it('returns the same instant for 0 on a working day', () => {
    const at = wib('2026-11-24 03:00');
    expect(plain.addWorkingDays(at, 0)).toEqual(at);
  });

  it('uses the start instant on the working day, even late at night in UTC terms', () => {
    // Tuesday 01:00 WIB is Monday 18:00 UTC; two working days later is Thursday 01:00 WIB.
    expect(plain.addWorkingDays(new Date('2026-11-23T18:00:00Z'), 2)).toEqual(wib('2026-11-26 01:00'));
  });

  it('keeps the exact time of day over a long span', () => {
    const at = new Date('2026-01-05T03:17:42.123Z');
    const later = plain.addWorkingDays(at, 260);
    expect(later.getUTCHours()).toBe(3);
    expect(later.getUTCMinutes()).toBe(17);
    expect(later.getUTCMilliseconds()).toBe(123);
    expect(plain.isWorkingDay(later)).toBe(true);
  });

  it.each([[-1], [1.5], [Number.NaN], [Infinity]])('rejects n = %p', (n) => {
    expect(() => plain.addWorkingDays(wib('2026-11-23 10:00'), n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts whole working days', () => {
    expect(plain.workingDaysBetween(wib('2026-11-23 10:00'), wib('2026-11-23 17:00'))).toBe(0);
    expect(plain.workingDaysBetween(wib('2026-11-23 10:00'), wib('2026-11-24 09:59'))).toBe(0);
    expect(plain.workingDaysBetween(wib('2026-11-23 10:00'), wib('2026-11-24 10:00'))).toBe(1);
    expect(plain.workingDaysBetween(wib('2026-11-23 10:00'), wib('2026-11-30 10:00'))).toBe(5);
    expect(plain.workingDaysBetween(wib('2026-11-27 10:00'), wib('2026-11-29 23:00'))).toBe(0);
  });

  it('starts a weekend clock on Monday 08:00', () => {
    expect(plain.workingDaysBetween(wib('2026-11-28 10:00'), wib('2026-11-29 10:00'))).toBe(0);
    expect(plain.workingDaysBetween(wib('2026-11-28 10:00'), wib('2026-11-30 17:00'))).toBe(0);
    expect(plain.workingDaysBetween(wib('2026-11-28 10:00'), wib('2026-12-01 07:59'))).toBe(0);
    expect(plain.workingDaysBetween(wib('2026-11-28 10:00'), wib('2026-12-01 08:00'))).toBe(1);
  });

  it('is negative when b is before a', () => {
    expect(plain.workingDaysBetween(wib('2026-11-30 10:00'), wib('2026-11-23 10:00'))).toBe(-5);
  });

  it('is the inverse of addWorkingDays (random starts, shipped calendar)', () => {
    const cal = loadWorkingCalendar();
    const from = wib('2026-01-01 00:00').getTime();
    const span = wib('2027-12-01 00:00').getTime() - from;
    for (let i = 0; i < 2000; i++) {
      const a = new Date(from + Math.floor(Math.random() * span));
      const n = Math.floor(Math.random() * 25);
      const due = cal.addWorkingDays(a, n);
      expect([a, n, cal.workingDaysBetween(a, due)]).toEqual([a, n, n]);
      if (n > 0) {
        expect([a, n, cal.workingDaysBetween(a, new Date(due.getTime() - 1))]).toEqual([a, n, n - 1]);
      }
    }
  });

  it('agrees with counting one day at a time over a long range', () => {
    const cal = loadWorkingCalendar();
    const a = wib('2026-01-02 09:30');
    let n = 0;
    let due = cal.addWorkingDays(a, 0);
    while (due.getTime() < wib('2027-12-31 00:00').getTime()) {
      n++;
      due = cal.addWorkingDays(due, 1);
      expect(cal.workingDaysBetween(a, due)).toBe(n);
    }
    expect(n).toBeGreaterThan(450);
  });
});

describe('shipped holidays (config/holidays.json)', () => {
  const dates = holidaysFile.holidays.map((h) => h.date);

  it('says where it comes from and that it needs yearly updates', () => {
    expect(holidaysFile._source).toMatch(/SKB 3 Menteri/);
    expect(holidaysFile._source).toMatch(/updated yearly/);
  });

  it('lists real, unique dates in order for 2026 and 2027', () => {
    expect(() => new WorkingCalendar(dates)).not.toThrow();
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.some((d) => d.startsWith('2026-'))).toBe(true);
    expect(dates.some((d) => d.startsWith('2027-'))).toBe(true);
  });

  it('has the 25 days of the 2026 SKB (17 libur nasional, 8 cuti bersama)', () => {
    const y2026 = holidaysFile.holidays.filter((h) => h.date.startsWith('2026-'));
    expect(y2026).toHaveLength(25);
    expect(y2026.filter((h) => /^Cuti bersama/.test(h.name))).toHaveLength(8);
  });

  it('makes the Idulfitri 2026 week non-working', () => {
    const cal = loadWorkingCalendar();
    for (const day of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']) {
      expect([day, cal.isWorkingDay(wib(`${day} 10:00`))]).toEqual([day, false]);
    }
    expect(cal.isWorkingDay(wib('2026-03-25 10:00'))).toBe(true);
    // Tuesday before the break + 3 working days lands on the Friday after it.
    expect(cal.addWorkingDays(wib('2026-03-17 09:00'), 3)).toEqual(wib('2026-03-27 09:00'));
  });

  it('adds extra holidays on top of the shipped ones', () => {
    const cal = loadWorkingCalendar(['2026-11-24']);
    expect(cal.isWorkingDay(wib('2026-11-24 10:00'))).toBe(false);
    expect(cal.isWorkingDay(wib('2026-12-25 10:00'))).toBe(false);
    expect(loadWorkingCalendar().isWorkingDay(wib('2026-11-24 10:00'))).toBe(true);
    expect(() => loadWorkingCalendar(['24/11/2026'])).toThrow(RangeError);
  });
});

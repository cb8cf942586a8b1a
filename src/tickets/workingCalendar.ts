import { z } from 'zod';
import holidaysFile from '../../config/holidays.json';

/**
 * Service-level promises to citizens are counted in Indonesian government working days. All of
 * Indonesia's public administration runs on the national calendar in Jakarta time, and WIB has had
 * no daylight saving since 1964, so a fixed offset is exact and much cheaper than Intl time zones.
 */
export const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Where the clock starts when a report arrives on a weekend or holiday. */
const WORKDAY_START_MS = 8 * 60 * 60 * 1000;
// 1970-01-05, the first Monday after the epoch, anchors the weekday arithmetic.
const FIRST_MONDAY = 4;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 on the WIB calendar. */
function wibDay(at: Date): number {
  return Math.floor((at.getTime() + WIB_OFFSET_MS) / DAY_MS);
}

function wibTimeOfDay(at: Date): number {
  const shifted = at.getTime() + WIB_OFFSET_MS;
  return shifted - Math.floor(shifted / DAY_MS) * DAY_MS;
}

function fromWib(day: number, timeOfDay: number): Date {
  return new Date(day * DAY_MS + timeOfDay - WIB_OFFSET_MS);
}

function isWeekend(day: number): boolean {
  const weekday = (((day - FIRST_MONDAY) % 7) + 7) % 7; // 0 = Monday
  return weekday >= 5;
}

/** Monday-to-Friday days in [FIRST_MONDAY, day), negative before it; only differences matter. */
function weekdaysBefore(day: number): number {
  const k = day - FIRST_MONDAY;
  const weeks = Math.floor(k / 7);
  return weeks * 5 + Math.min(k - weeks * 7, 5);
}

function parseDateKey(key: string): number {
  const m = DATE_PATTERN.exec(key);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    // Date.UTC rolls 2026-02-30 over into March; a typo in the holiday list must not do that silently.
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return t / DAY_MS;
    }
  }
  throw new RangeError(`holiday must be a real date as YYYY-MM-DD, got ${JSON.stringify(key)}`);
}

function assertValidDate(at: Date, what: string): void {
  if (Number.isNaN(at.getTime())) throw new RangeError(`${what} is not a valid date`);
}

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<number>;
  /** Holidays that fall Monday to Friday, sorted: the only ones that change a count of working days. */
  private readonly weekdayHolidays: readonly number[];

  constructor(holidays: readonly string[]) {
    const days = new Set(holidays.map(parseDateKey));
    this.holidays = days;
    this.weekdayHolidays = [...days].filter((d) => !isWeekend(d)).sort((a, b) => a - b);
  }

  isWorkingDay(at: Date): boolean {
    assertValidDate(at, 'date');
    return this.isWorkingDayNumber(wibDay(at));
  }

  /**
   * The moment n working days after `from`, at the same WIB time of day. A start on a weekend or
   * holiday counts as the next working day at 08:00 WIB, since nobody can act on it before then.
   */
  addWorkingDays(from: Date, n: number): Date {
    assertValidDate(from, 'from');
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number of days >= 0, got ${n}`);
    const [start, timeOfDay] = this.clockStart(from);
    let day = start;
    for (let i = 0; i < n; i++) day = this.nextWorkingDayAfter(day);
    return fromWib(day, timeOfDay);
  }

  /**
   * Whole working days elapsed from a to b: the largest n with addWorkingDays(a, n) <= b, so the two
   * functions agree. Negative when b is before a.
   */
  workingDaysBetween(a: Date, b: Date): number {
    assertValidDate(a, 'a');
    assertValidDate(b, 'b');
    if (b.getTime() < a.getTime()) return -this.workingDaysBetween(b, a);
    const [startDay, startTime] = this.clockStart(a);
    if (fromWib(startDay, startTime).getTime() >= b.getTime()) return 0;
    const endDay = wibDay(b);
    const whole = this.countWorkingDays(startDay, endDay);
    // The last working day only counts once its time of day has been reached.
    if (whole > 0 && this.isWorkingDayNumber(endDay) && wibTimeOfDay(b) < startTime) return whole - 1;
    return whole;
  }

  private isWorkingDayNumber(day: number): boolean {
    return !isWeekend(day) && !this.holidays.has(day);
  }

  private nextWorkingDayAfter(day: number): number {
    let next = day + 1;
    while (!this.isWorkingDayNumber(next)) next++;
    return next;
  }

  private clockStart(at: Date): [day: number, timeOfDay: number] {
    const day = wibDay(at);
    if (this.isWorkingDayNumber(day)) return [day, wibTimeOfDay(at)];
    return [this.nextWorkingDayAfter(day), WORKDAY_START_MS];
  }

  /** Working days in (after, upTo]. */
  private countWorkingDays(after: number, upTo: number): number {
    if (upTo <= after) return 0;
    const weekdays = weekdaysBefore(upTo + 1) - weekdaysBefore(after + 1);
    const holidays = lowerBound(this.weekdayHolidays, upTo + 1) - lowerBound(this.weekdayHolidays, after + 1);
    return weekdays - holidays;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? Infinity) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const HolidaysFileSchema = z.object({
  _source: z.string().min(1),
  holidays: z.array(z.object({ date: z.string().regex(DATE_PATTERN), name: z.string().min(1) })).min(1),
});

/**
 * The national calendar shipped in config/holidays.json plus local ones (a regional holiday, an
 * extra cuti bersama announced mid-year) that operators configure without a release.
 */
export function loadWorkingCalendar(extraHolidays: readonly string[] = []): WorkingCalendar {
  const file = HolidaysFileSchema.parse(holidaysFile);
  return new WorkingCalendar([...file.holidays.map((h) => h.date), ...extraHolidays]);
}

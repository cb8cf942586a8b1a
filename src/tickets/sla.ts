import type { WorkingCalendar } from './workingCalendar';

/**
 * LAPOR! service-level clocks, in working days: an operator verifies a new report within 3, the
 * agency it was forwarded to follows up within 5, and a followed-up report closes on its own after
 * 10 unless the reporter answers.
 */
export const VERIFY_WITHIN_DAYS = 3;
export const FOLLOW_UP_WITHIN_DAYS = 5;
export const AUTO_CLOSE_AFTER_DAYS = 10;

export function verifyDueAt(receivedAt: Date, cal: WorkingCalendar): Date {
  return cal.addWorkingDays(receivedAt, VERIFY_WITHIN_DAYS);
}

export function followUpDueAt(forwardedAt: Date, cal: WorkingCalendar): Date {
  return cal.addWorkingDays(forwardedAt, FOLLOW_UP_WITHIN_DAYS);
}

export function autoCloseAt(followedUpAt: Date, cal: WorkingCalendar): Date {
  return cal.addWorkingDays(followedUpAt, AUTO_CLOSE_AFTER_DAYS);
}

/** A null due date means no clock is running (the ticket is on hold or closed). */
export function isOverdue(due: Date | null, now: Date): boolean {
  return due !== null && now.getTime() > due.getTime();
}

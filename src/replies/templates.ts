import { FOLLOW_UP_WITHIN_DAYS, VERIFY_WITHIN_DAYS } from '../tickets/sla';
import { statusLabel, type TicketStatus } from '../tickets/status';
import { WIB_OFFSET_MS } from '../tickets/workingCalendar';

/**
 * What we say back to citizens. Replies go out on public or semi-public channels (a reply tweet,
 * an Instagram comment, an SMS on a shared phone), so they carry only the tracking number and the
 * status, never the complaint or anything about the person who sent it.
 */

export type ReplyLanguage = 'id' | 'en';

/** SMS passes 459 (three concatenated 153-character parts); web and app pass null. */
export type ReplyStyle = { maxLength: number | null };

export type ReplyEvent =
  // status: where the ticket stands after intake (auto-forwarded tickets skip verification).
  | { kind: 'ticket_created'; trackingId: string; status?: TicketStatus }
  // The same citizen sent the same report again: they get its number back, not a new ticket.
  | { kind: 'duplicate_received'; trackingId: string }
  | { kind: 'followup_received'; trackingId: string }
  // An operator joined this report to another one whose reporter may not be this sender (the only
  // link was a phone or email typed into a form): only the sender's own number is named.
  | { kind: 'report_noted'; trackingId: string }
  | { kind: 'greeting' }
  // The number's check digit is wrong: most likely a typo.
  | { kind: 'tracking_invalid'; query: string }
  | { kind: 'status_answer'; trackingId: string; status: TicketStatus; updatedAt: Date }
  | { kind: 'tracking_not_found'; query: string }
  | { kind: 'empty_message' }
  | { kind: 'status_changed'; trackingId: string; to: TicketStatus; note: string | null };

const MONTHS: Record<ReplyLanguage, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** "23 Nov 2026 14.05 WIB" in Indonesian style, "23 Nov 2026 14:05 WIB" in English. */
export function formatWibDateTime(at: Date, lang: ReplyLanguage): string {
  const t = new Date(at.getTime() + WIB_OFFSET_MS);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  const month = MONTHS[lang][t.getUTCMonth()] ?? '';
  return `${t.getUTCDate()} ${month} ${t.getUTCFullYear()} ${hh}${lang === 'id' ? '.' : ':'}${mm} WIB`;
}

// What the citizen can expect next, or can do, in each status.
const STATUS_HINTS: Record<TicketStatus, Record<ReplyLanguage, string>> = {
  belum_terverifikasi: {
    id: `Laporan akan diverifikasi paling lambat ${VERIFY_WITHIN_DAYS} hari kerja.`,
    en: `It will be verified within ${VERIFY_WITHIN_DAYS} working days.`,
  },
  terverifikasi: {
    id: 'Laporan akan diteruskan ke instansi yang berwenang.',
    en: 'It will be passed to the agency responsible.',
  },
  diteruskan: {
    id: `Instansi terkait akan menindaklanjutinya paling lambat ${FOLLOW_UP_WITHIN_DAYS} hari kerja.`,
    en: `The agency should act on it within ${FOLLOW_UP_WITHIN_DAYS} working days.`,
  },
  ditindaklanjuti: {
    id: 'Kami akan mengabari Anda bila sudah selesai.',
    en: 'We will let you know when it is done.',
  },
  selesai: {
    id: 'Jika masalahnya belum terselesaikan, balas pesan ini agar kami tindak lanjuti kembali.',
    en: 'If the problem is not solved, reply to this message and we will reopen it.',
  },
  tunda: {
    id: 'Mohon balas pesan ini dengan informasi tambahan yang diperlukan.',
    en: 'Please reply to this message with the information needed.',
  },
  bukan_wewenang: {
    id: 'Mohon maaf, laporan ini tidak dapat kami tindak lanjuti.',
    en: 'We are sorry we cannot take this report further.',
  },
  diarsipkan: {
    id: 'Laporan ini tidak diproses lebih lanjut.',
    en: 'This report will not be processed further.',
  },
};

/**
 * A reply is built from sentences that can be left out when space is short. `drop` orders the
 * optional ones: the lowest goes first. Core sentences (the ones carrying the tracking number and
 * the status) are never shortened.
 */
type Part =
  | { kind: 'core'; text: string }
  | { kind: 'extra'; text: string; drop: number }
  | { kind: 'note'; label: string; note: string };

function checkHowTo(trackingId: string, lang: ReplyLanguage): string {
  return lang === 'id'
    ? `Untuk cek status dengan nomor ini, ketik CEK ${trackingId}.`
    : `To check its status with this number, send CEK ${trackingId}.`;
}

function parts(event: ReplyEvent, lang: ReplyLanguage): Part[] {
  const id = lang === 'id';
  switch (event.kind) {
    case 'ticket_created':
      return [
        {
          kind: 'core',
          text: id
            ? `Terima kasih, laporan Anda sudah kami terima dengan nomor ${event.trackingId}.`
            : `Thank you, we have received your report. Your tracking number is ${event.trackingId}.`,
        },
        { kind: 'extra', text: STATUS_HINTS[event.status ?? 'belum_terverifikasi'][lang], drop: 1 },
        { kind: 'extra', text: checkHowTo(event.trackingId, lang), drop: 2 },
      ];
    case 'duplicate_received':
      return [
        {
          kind: 'core',
          text: id
            ? `Laporan ini sudah kami terima sebelumnya dengan nomor ${event.trackingId}.`
            : `We already have this report under number ${event.trackingId}.`,
        },
        { kind: 'extra', text: checkHowTo(event.trackingId, lang), drop: 1 },
      ];
    case 'followup_received':
      return [
        {
          kind: 'core',
          text: id
            ? `Terima kasih, tambahan informasi Anda sudah kami catat pada laporan ${event.trackingId}.`
            : `Thank you, we have added your information to report ${event.trackingId}.`,
        },
        { kind: 'extra', text: checkHowTo(event.trackingId, lang), drop: 1 },
      ];
    case 'greeting':
      return [
        {
          kind: 'core',
          text: id
            ? 'Terima kasih telah menghubungi LAPOR!. Tulis laporan Anda: apa masalahnya, di mana, dan kapan terjadi.'
            : 'Thank you for contacting LAPOR!. Write your report: what the problem is, where and when it happened.',
        },
        {
          kind: 'extra',
          text: id ? 'Untuk cek status laporan, ketik CEK <nomor>.' : 'To check a report, send CEK <number>.',
          drop: 1,
        },
      ];
    case 'report_noted':
      return [
        {
          kind: 'core',
          text: id
            ? `Terima kasih, informasi pada laporan ${event.trackingId} sudah kami catat dan akan ditindaklanjuti.`
            : `Thank you, we have noted the information in report ${event.trackingId} and will act on it.`,
        },
      ];
    case 'tracking_invalid': {
      const shown = echoableTrackingNumber(event.query);
      return [
        {
          kind: 'core',
          text: id
            ? `Nomor laporan${shown === null ? '' : ` ${shown}`} tidak valid. Mohon periksa kembali nomor Anda.`
            : `The tracking number${shown === null ? '' : ` ${shown}`} is not valid. Please check the number.`,
        },
        {
          kind: 'extra',
          text: id ? 'Nomor laporan terdiri dari 10 angka. Ketik CEK <nomor>.' : 'Tracking numbers have 10 digits. Send CEK <number>.',
          drop: 1,
        },
      ];
    }
    case 'status_answer':
      return [
        {
          kind: 'core',
          text: id
            ? `Status laporan ${event.trackingId}: ${statusLabel(event.status, lang)}, diperbarui ${formatWibDateTime(event.updatedAt, lang)}.`
            : `Status of report ${event.trackingId}: ${statusLabel(event.status, lang)}, updated ${formatWibDateTime(event.updatedAt, lang)}.`,
        },
        { kind: 'extra', text: STATUS_HINTS[event.status][lang], drop: 1 },
      ];
    case 'tracking_not_found': {
      const shown = echoableTrackingNumber(event.query);
      return [
        {
          kind: 'core',
          text:
            shown === null
              ? id
                ? 'Maaf, nomor laporan yang Anda kirim tidak kami temukan.'
                : 'Sorry, we could not find a report with the number you sent.'
              : id
                ? `Maaf, laporan dengan nomor ${shown} tidak kami temukan.`
                : `Sorry, we could not find report ${shown}.`,
        },
        {
          kind: 'extra',
          text: id
            ? 'Periksa kembali nomor laporan Anda (10 angka), lalu ketik CEK <nomor>.'
            : 'Please check your 10-digit tracking number, then send CEK <number>.',
          drop: 1,
        },
      ];
    }
    case 'empty_message':
      return [
        {
          kind: 'core',
          text: id
            ? 'Pesan Anda kosong. Silakan tulis laporan Anda: apa masalahnya, di mana, dan kapan terjadi.'
            : 'Your message was empty. Please write your report: what the problem is, where and when it happened.',
        },
        {
          kind: 'extra',
          text: id ? 'Untuk cek status laporan, ketik CEK <nomor>.' : 'To check a report, send CEK <number>.',
          drop: 1,
        },
      ];
    case 'status_changed': {
      const note = event.note === null ? '' : event.note.replace(/\s+/g, ' ').trim();
      const result: Part[] = [
        {
          kind: 'core',
          text: id
            ? `Status laporan ${event.trackingId} kini: ${statusLabel(event.to, lang)}.`
            : `Report ${event.trackingId} is now: ${statusLabel(event.to, lang)}.`,
        },
      ];
      if (note !== '') result.push({ kind: 'note', label: id ? 'Catatan: ' : 'Note: ', note });
      result.push(
        { kind: 'extra', text: STATUS_HINTS[event.to][lang], drop: 1 },
        { kind: 'extra', text: checkHowTo(event.trackingId, lang), drop: 2 },
      );
      return result;
    }
  }
}

/**
 * The query is echoed only when it has the shape of one of our numbers, so a typo can be spotted;
 * anything else might be a phone number, an NIK or a fragment of the complaint.
 */
function echoableTrackingNumber(query: string): string | null {
  const digits = query
    .trim()
    .replace(/^#?\s*(?:lpr[\s-]?)?/i, '')
    .replace(/[\s-]/g, '');
  return /^[1-9]\d{9}$/.test(digits) ? digits : null;
}

const ELLIPSIS = '…';
// Below this a note is a stub that helps nobody; better to drop a generic sentence to make room.
const MIN_NOTE_CHARS = 40;

function withFullStop(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function join(list: readonly Part[], noteText: string | null): string {
  return list
    .map((p) => (p.kind === 'note' ? (noteText === null ? '' : p.label + noteText) : p.text))
    .filter((t) => t !== '')
    .join(' ');
}

/** Shortens to at most `max` UTF-16 units without splitting a character. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - ELLIPSIS.length) break;
    out += ch;
  }
  return out.trimEnd() + ELLIPSIS;
}

function fit(all: Part[], maxLength: number | null): string {
  const notePart = all.find((p) => p.kind === 'note');
  const fullNote = notePart === undefined ? null : withFullStop(notePart.note);
  const full = join(all, fullNote);
  if (maxLength === null || full.length <= maxLength) return full;

  let list = all;
  for (;;) {
    if (fullNote !== null) {
      const room = maxLength - join(list, '').length;
      if (fullNote.length <= room) return join(list, fullNote);
      if (room >= MIN_NOTE_CHARS) return join(list, truncate(fullNote, room));
    } else {
      const text = join(list, null);
      if (text.length <= maxLength) return text;
    }
    const extras = list.filter((p): p is Extract<Part, { kind: 'extra' }> => p.kind === 'extra');
    if (extras.length === 0) break;
    const next = extras.reduce((a, b) => (b.drop < a.drop ? b : a));
    list = list.filter((p) => p !== next);
  }
  // No room left for a useful note: the status alone still tells the citizen where things stand.
  const bare = join(list, null);
  if (bare.length <= maxLength) return bare;
  throw new RangeError(`maxLength ${maxLength} is too short for this reply (needs ${bare.length})`);
}

/** The reply for an event, in plain text, within style.maxLength when one is set. */
export function renderReply(event: ReplyEvent, lang: ReplyLanguage, style: ReplyStyle): string {
  const { maxLength } = style;
  if (maxLength !== null && (!Number.isInteger(maxLength) || maxLength <= 0)) {
    throw new RangeError(`maxLength must be a positive whole number or null, got ${maxLength}`);
  }
  return fit(parts(event, lang), maxLength);
}

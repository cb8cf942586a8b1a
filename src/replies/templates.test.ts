import { TICKET_STATUSES, STATUS_LABELS } from '../tickets/status';
import { formatWibDateTime, renderReply, type ReplyEvent, type ReplyLanguage } from './templates';

const TRACKING = '1234567894';
const SMS = { maxLength: 459 };
const WEB = { maxLength: null };
const LANGS: ReplyLanguage[] = ['id', 'en'];
// 2026-11-23 14:05 WIB
const UPDATED = new Date('2026-11-23T07:05:00Z');
const LONG_NOTE = ('Mohon lampirkan foto lokasi jalan yang rusak beserta patokan terdekat. ').repeat(15).slice(0, 1000);

// The GSM 03.38 default alphabet: anything outside it turns an SMS into UCS-2 and cuts each
// part from 153 to 67 characters, so our own wording must stay inside it.
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

const EVENTS: ReplyEvent[] = [
  { kind: 'ticket_created', trackingId: TRACKING },
  ...TICKET_STATUSES.map((status): ReplyEvent => ({ kind: 'status_answer', trackingId: TRACKING, status, updatedAt: UPDATED })),
  { kind: 'tracking_not_found', query: 'LPR-1234 5678 91' },
  { kind: 'tracking_not_found', query: 'laporan saya kemarin' },
  { kind: 'empty_message' },
  { kind: 'ticket_created', trackingId: TRACKING, status: 'diteruskan' },
  { kind: 'duplicate_received', trackingId: TRACKING },
  { kind: 'followup_received', trackingId: TRACKING },
  { kind: 'greeting' },
  { kind: 'report_noted', trackingId: TRACKING },
  { kind: 'tracking_invalid', query: '1234567890' },
  { kind: 'tracking_invalid', query: 'abc' },
  ...TICKET_STATUSES.map((to): ReplyEvent => ({ kind: 'status_changed', trackingId: TRACKING, to, note: null })),
  ...TICKET_STATUSES.map((to): ReplyEvent => ({ kind: 'status_changed', trackingId: TRACKING, to, note: 'Foto kurang jelas' })),
];

describe('formatWibDateTime', () => {
  it('writes WIB time in each language', () => {
    expect(formatWibDateTime(UPDATED, 'id')).toBe('23 Nov 2026 14.05 WIB');
    expect(formatWibDateTime(UPDATED, 'en')).toBe('23 Nov 2026 14:05 WIB');
  });

  it('rolls over to the WIB date and pads the clock', () => {
    // 20:30 UTC on 31 Dec is 03:30 on 1 Jan in Jakarta.
    expect(formatWibDateTime(new Date('2026-12-31T20:30:00Z'), 'id')).toBe('1 Jan 2027 03.30 WIB');
    expect(formatWibDateTime(new Date('2026-08-17T01:00:00Z'), 'id')).toBe('17 Agu 2026 08.00 WIB');
    expect(formatWibDateTime(new Date('2026-05-04T16:59:00Z'), 'en')).toBe('4 May 2026 23:59 WIB');
    expect(formatWibDateTime(new Date('2026-10-09T03:00:00Z'), 'id')).toBe('9 Okt 2026 10.00 WIB');
  });
});

describe('every event in both languages', () => {
  it.each(EVENTS.flatMap((e) => LANGS.map((lang) => [e.kind, lang, e] as const)))(
    '%s (%s) is short plain text with the tracking number',
    (_kind, lang, event) => {
      for (const style of [SMS, WEB]) {
        const text = renderReply(event, lang, style);
        expect(text.length).toBeGreaterThan(20);
        expect(text.length).toBeLessThanOrEqual(459);
        // "CEK <nomor>" is a placeholder the reader fills in, not markup.
        expect(text.replace(/<(nomor|number)>/g, '')).not.toMatch(/\n|[<>]|https?:|www\.|lapor\.go\.id/i);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/ {2}/);
        for (const ch of text) expect([ch, GSM7.has(ch)]).toEqual([ch, true]);
        if ('trackingId' in event) expect(text).toContain(TRACKING);
      }
    },
  );
});

describe('ticket_created', () => {
  it('thanks, gives the number and says how to check status (id)', () => {
    const text = renderReply({ kind: 'ticket_created', trackingId: TRACKING }, 'id', SMS);
    expect(text).toMatch(/^Terima kasih/);
    expect(text).toContain(`ketik CEK ${TRACKING}`);
    expect(text).toContain('cek status dengan nomor ini');
    expect(text).toContain('3 hari kerja');
  });

  it('says the same in English', () => {
    const text = renderReply({ kind: 'ticket_created', trackingId: TRACKING }, 'en', WEB);
    expect(text).toMatch(/^Thank you/);
    expect(text).toContain(`send CEK ${TRACKING}`);
    expect(text).toContain('3 working days');
  });
});

describe('replies the intake decisions add', () => {
  it('says a forwarded ticket is with the agency, not waiting for verification', () => {
    const text = renderReply({ kind: 'ticket_created', trackingId: TRACKING, status: 'diteruskan' }, 'id', WEB);
    expect(text).toContain(TRACKING);
    expect(text).toMatch(/Instansi terkait akan menindaklanjutinya/);
    expect(text).not.toMatch(/diverifikasi/);
  });

  it('gives a resent report its first number back and confirms a follow-up', () => {
    expect(renderReply({ kind: 'duplicate_received', trackingId: TRACKING }, 'id', SMS)).toMatch(/sudah kami terima sebelumnya dengan nomor 1234567894\./);
    expect(renderReply({ kind: 'followup_received', trackingId: TRACKING }, 'en', SMS)).toMatch(/added your information to report 1234567894/);
  });

  it('notes a report joined to another one by its own number only', () => {
    expect(renderReply({ kind: 'report_noted', trackingId: TRACKING }, 'id', SMS)).toBe(`Terima kasih, informasi pada laporan ${TRACKING} sudah kami catat dan akan ditindaklanjuti.`);
  });

  it('asks to check a number whose check digit is wrong, echoing it only when it looks like one', () => {
    expect(renderReply({ kind: 'tracking_invalid', query: '1234567890' }, 'id', SMS)).toMatch(/^Nomor laporan 1234567890 tidak valid\. Mohon periksa kembali nomor Anda\./);
    expect(renderReply({ kind: 'tracking_invalid', query: '081234567890' }, 'id', SMS)).toMatch(/^Nomor laporan tidak valid\./);
  });
});

describe('status_answer', () => {
  it.each(TICKET_STATUSES)('names status %s and when it changed', (status) => {
    const event: ReplyEvent = { kind: 'status_answer', trackingId: TRACKING, status, updatedAt: UPDATED };
    const id = renderReply(event, 'id', SMS);
    const en = renderReply(event, 'en', SMS);
    expect(id).toContain(STATUS_LABELS[status].id);
    expect(id).toContain('23 Nov 2026 14.05 WIB');
    expect(en).toContain(STATUS_LABELS[status].en);
    expect(en).toContain('23 Nov 2026 14:05 WIB');
  });

  it('invites a reply when the reporter may reopen a finished report', () => {
    const event: ReplyEvent = { kind: 'status_answer', trackingId: TRACKING, status: 'selesai', updatedAt: UPDATED };
    expect(renderReply(event, 'id', SMS)).toMatch(/balas pesan ini/);
    expect(renderReply(event, 'en', SMS)).toMatch(/reply/);
  });
});

describe('tracking_not_found', () => {
  it('echoes a query shaped like a tracking number so a typo can be spotted', () => {
    const text = renderReply({ kind: 'tracking_not_found', query: ' #LPR-1234 5678 91 ' }, 'id', SMS);
    expect(text).toContain('1234567891');
    expect(text).toMatch(/^Maaf/);
    expect(text).toContain('CEK <nomor>');
  });

  it.each([
    ['an NIK', '3171012345678901'],
    ['a phone number', '081234567890'],
    ['a phone number of ten digits', '0812345678'],
    ['complaint text', 'jalan rusak di depan rumah Pak Budi'],
    ['a 9-digit fragment', '123456789'],
  ])('never echoes %s', (_what, query) => {
    for (const lang of LANGS) {
      const text = renderReply({ kind: 'tracking_not_found', query }, lang, SMS);
      expect(text).not.toContain(query);
      expect(text).not.toMatch(/\d{5,}/);
    }
  });
});

describe('empty_message', () => {
  it('asks for the report and explains CEK', () => {
    expect(renderReply({ kind: 'empty_message' }, 'id', SMS)).toMatch(/kosong.*CEK <nomor>/);
    expect(renderReply({ kind: 'empty_message' }, 'en', WEB)).toMatch(/empty.*CEK <number>/);
  });
});

describe('status_changed', () => {
  it('carries the note for the reporter', () => {
    const text = renderReply(
      { kind: 'status_changed', trackingId: TRACKING, to: 'tunda', note: 'Mohon kirim  foto lokasi\nyang rusak' },
      'id',
      SMS,
    );
    expect(text).toContain('Tunda');
    expect(text).toContain('Catatan: Mohon kirim foto lokasi yang rusak.');
    expect(text).toContain(`CEK ${TRACKING}`);
  });

  it('treats a blank note as no note', () => {
    const text = renderReply({ kind: 'status_changed', trackingId: TRACKING, to: 'selesai', note: '  \n ' }, 'en', SMS);
    expect(text).not.toContain('Note:');
  });

  it('keeps a note that already ends a sentence as it is', () => {
    const text = renderReply({ kind: 'status_changed', trackingId: TRACKING, to: 'tunda', note: 'Where exactly?' }, 'en', SMS);
    expect(text).toContain('Note: Where exactly? ');
  });
});

describe('length limits', () => {
  const longNote = (lang: ReplyLanguage) =>
    renderReply({ kind: 'status_changed', trackingId: TRACKING, to: 'bukan_wewenang', note: LONG_NOTE }, lang, SMS);

  it.each(LANGS)('shortens a 1000-character note with an ellipsis to fit 459 (%s)', (lang) => {
    expect(LONG_NOTE).toHaveLength(1000);
    const text = longNote(lang);
    expect(text.length).toBeLessThanOrEqual(459);
    expect(text.length).toBeGreaterThan(440);
    expect(text).toContain('…');
    expect(text).toContain(TRACKING);
    expect(text).toContain(`CEK ${TRACKING}`);
    expect(text).toContain(STATUS_LABELS.bukan_wewenang[lang]);
  });

  it('leaves a long note whole when there is no limit', () => {
    const text = renderReply({ kind: 'status_changed', trackingId: TRACKING, to: 'tunda', note: LONG_NOTE }, 'id', WEB);
    expect(text).toContain(LONG_NOTE.trim());
    expect(text).not.toContain('…');
  });

  it('never splits a character that takes two UTF-16 units', () => {
    const note = '🙏'.repeat(600);
    for (const lang of LANGS) {
      const text = renderReply({ kind: 'status_changed', trackingId: TRACKING, to: 'tunda', note }, lang, SMS);
      expect(text.length).toBeLessThanOrEqual(459);
      expect(text).toMatch(/🙏…/u);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('drops generic sentences, then the note, before giving up, never cutting the number', () => {
    for (const lang of LANGS) {
      for (let max = 459; max >= 30; max--) {
        let text: string;
        try {
          text = renderReply(
            { kind: 'status_changed', trackingId: TRACKING, to: 'diteruskan', note: LONG_NOTE },
            lang,
            { maxLength: max },
          );
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
          continue;
        }
        expect([max, text.length <= max]).toEqual([max, true]);
        expect(text).toContain(TRACKING);
      }
    }
  });

  it('keeps the tracking number with a tight limit', () => {
    const text = renderReply({ kind: 'ticket_created', trackingId: TRACKING }, 'id', { maxLength: 80 });
    expect(text).toBe(`Terima kasih, laporan Anda sudah kami terima dengan nomor ${TRACKING}.`);
  });

  it('refuses a limit too small for the essential sentence', () => {
    expect(() => renderReply({ kind: 'ticket_created', trackingId: TRACKING }, 'id', { maxLength: 40 })).toThrow(
      RangeError,
    );
  });

  it.each([[0], [-5], [12.5], [Number.NaN]])('rejects maxLength %p', (maxLength) => {
    expect(() => renderReply({ kind: 'empty_message' }, 'id', { maxLength })).toThrow(RangeError);
  });
});

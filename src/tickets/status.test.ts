import {
  STATUS_LABELS,
  TICKET_STATUSES,
  TicketStatusSchema,
  canTransition,
  isFinal,
  needsReason,
  nextStatuses,
  statusLabel,
  type TicketStatus,
} from './status';

const ALLOWED: [TicketStatus, TicketStatus][] = [
  ['belum_terverifikasi', 'terverifikasi'],
  ['belum_terverifikasi', 'tunda'],
  ['belum_terverifikasi', 'bukan_wewenang'],
  ['belum_terverifikasi', 'diarsipkan'],
  ['tunda', 'terverifikasi'],
  ['tunda', 'bukan_wewenang'],
  ['tunda', 'diarsipkan'],
  ['terverifikasi', 'diteruskan'],
  ['terverifikasi', 'bukan_wewenang'],
  ['terverifikasi', 'diarsipkan'],
  ['diteruskan', 'ditindaklanjuti'],
  ['diteruskan', 'bukan_wewenang'],
  ['ditindaklanjuti', 'selesai'],
  ['selesai', 'ditindaklanjuti'],
];

describe('canTransition', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('refuses every other pair, including staying put', () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    let refused = 0;
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        expect([from, to, canTransition(from, to)]).toEqual([from, to, false]);
        refused++;
      }
    }
    expect(refused).toBe(TICKET_STATUSES.length ** 2 - ALLOWED.length);
  });

  it('does not let a report reach an agency without verification', () => {
    expect(canTransition('belum_terverifikasi', 'diteruskan')).toBe(false);
    expect(canTransition('tunda', 'diteruskan')).toBe(false);
  });

  it('agrees with nextStatuses', () => {
    for (const from of TICKET_STATUSES) {
      for (const to of nextStatuses(from)) expect(canTransition(from, to)).toBe(true);
    }
  });
});

describe('isFinal', () => {
  it('is true only for bukan_wewenang and diarsipkan', () => {
    expect(TICKET_STATUSES.filter(isFinal)).toEqual(['bukan_wewenang', 'diarsipkan']);
  });

  it('leaves selesai open so the reporter can reopen it', () => {
    expect(isFinal('selesai')).toBe(false);
  });
});

describe('needsReason', () => {
  it('asks for a note on tunda, bukan_wewenang and diarsipkan only', () => {
    expect(TICKET_STATUSES.filter(needsReason)).toEqual(['tunda', 'bukan_wewenang', 'diarsipkan']);
  });
});

describe('labels', () => {
  it('has both languages for every status', () => {
    for (const s of TICKET_STATUSES) {
      expect(STATUS_LABELS[s].id.length).toBeGreaterThan(0);
      expect(STATUS_LABELS[s].en.length).toBeGreaterThan(0);
    }
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it('uses the LAPOR! wording', () => {
    expect(statusLabel('belum_terverifikasi', 'id')).toBe('Belum Terverifikasi');
    expect(statusLabel('belum_terverifikasi', 'en')).toBe('Received');
    expect(statusLabel('diteruskan', 'en')).toBe('Forwarded to the responsible agency');
    expect(statusLabel('ditindaklanjuti', 'id')).toBe('Ditindaklanjuti');
    expect(statusLabel('tunda', 'en')).toBe('On hold: more information needed');
    expect(statusLabel('bukan_wewenang', 'id')).toBe('Bukan Wewenang');
    expect(statusLabel('diarsipkan', 'en')).toBe('Archived');
  });
});

describe('TicketStatusSchema', () => {
  it('accepts every status code', () => {
    for (const s of TICKET_STATUSES) expect(TicketStatusSchema.parse(s)).toBe(s);
  });

  it.each([['Selesai'], ['done'], [''], [3], [null]])('rejects %j', (value) => {
    expect(TicketStatusSchema.safeParse(value).success).toBe(false);
  });
});

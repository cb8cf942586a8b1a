import fc from 'fast-check';
import { messageIdKeys, messageIdLookupKey, parseDeliveryReceipt, sameMessageId } from './deliveryReceipt';
import { deliverSmType, isDeliveryReceipt } from './esmClass';

describe('parseDeliveryReceipt from text', () => {
  it('reads the SMPP 3.4 Appendix B format', () => {
    const text = 'id:0000A1F sub:001 dlvrd:001 submit date:2403051430 done date:2403051431 stat:DELIVRD err:000 text:Laporan Anda diterima';
    expect(parseDeliveryReceipt({ text })).toEqual({
      messageId: '0000A1F',
      state: 'DELIVRD',
      final: true,
      delivered: true,
      err: null,
      submitDate: '2024-03-05T14:30:00',
      doneDate: '2024-03-05T14:31:00',
    });
  });

  it('reads it without text:, in upper case, with extra spaces and seconds in the dates', () => {
    const text = 'ID: 12345678  SUB:001 DLVRD:000 SUBMIT DATE: 240305143059  DONE DATE:240305150000 STAT: UNDELIV ERR: 034';
    expect(parseDeliveryReceipt({ text })).toMatchObject({
      messageId: '12345678',
      state: 'UNDELIV',
      final: true,
      delivered: false,
      err: '034',
      submitDate: '2024-03-05T14:30:59',
      doneDate: '2024-03-05T15:00:00',
    });
  });

  it('reads underscored field names and long state names', () => {
    const r = parseDeliveryReceipt({ text: 'id:abc-1 submit_date:2401010000 done_date:2401010001 stat:delivered err:0' });
    expect(r).toMatchObject({ messageId: 'abc-1', state: 'DELIVRD', delivered: true, err: null });
  });

  it('ignores fields that appear only inside the echoed text', () => {
    const r = parseDeliveryReceipt({ text: 'id:77 stat:EXPIRED text:stat:DELIVRD id:99 err:123' });
    expect(r).toMatchObject({ messageId: '77', state: 'EXPIRED', err: null, final: true, delivered: false });
  });

  it('tolerates missing fields and bad dates', () => {
    expect(parseDeliveryReceipt({ text: 'id:5 stat:ENROUTE' })).toEqual({
      messageId: '5',
      state: 'ENROUTE',
      final: false,
      delivered: false,
      err: null,
      submitDate: null,
      doneDate: null,
    });
    expect(parseDeliveryReceipt({ text: 'id:5 submit date:2413991200 done date:24' })).toMatchObject({
      state: 'UNKNOWN',
      final: false,
      submitDate: null,
      doneDate: null,
    });
    expect(parseDeliveryReceipt({ text: 'id:5 stat:WEIRD' })?.state).toBe('UNKNOWN');
  });

  it.each([
    ['EXPIRED', true],
    ['DELETED', true],
    ['REJECTD', true],
    ['ACCEPTD', false],
    ['UNKNOWN', false],
    ['ENROUTE', false],
  ] as const)('treats %s as final: %s, never delivered', (stat, final) => {
    expect(parseDeliveryReceipt({ text: `id:1 stat:${stat}` })).toMatchObject({ state: stat, final, delivered: false });
  });

  it('returns null when no message id can be found', () => {
    expect(parseDeliveryReceipt({ text: 'stat:DELIVRD err:000' })).toBeNull();
    expect(parseDeliveryReceipt({ text: 'Halo, jalan rusak' })).toBeNull();
    expect(parseDeliveryReceipt({})).toBeNull();
  });
});

describe('parseDeliveryReceipt from TLVs', () => {
  it('prefers receipted_message_id and message_state over the text', () => {
    const r = parseDeliveryReceipt({
      text: 'id:999 stat:UNDELIV submit date:2403051430 done date:2403051431',
      receiptedMessageId: 'a1f\u0000',
      messageState: 2,
    });
    expect(r).toMatchObject({ messageId: 'a1f', state: 'DELIVRD', delivered: true, final: true, submitDate: '2024-03-05T14:30:00' });
  });

  it.each([
    [1, 'ENROUTE', false],
    [2, 'DELIVRD', true],
    [3, 'EXPIRED', true],
    [4, 'DELETED', true],
    [5, 'UNDELIV', true],
    [6, 'ACCEPTD', false],
    [7, 'UNKNOWN', false],
    [8, 'REJECTD', true],
  ] as const)('maps message_state %i to %s', (messageState, state, final) => {
    expect(parseDeliveryReceipt({ receiptedMessageId: 'x', messageState })).toMatchObject({ state, final });
  });

  it('falls back to the text state when message_state is absent or out of range', () => {
    expect(parseDeliveryReceipt({ receiptedMessageId: 'x', text: 'id:x stat:EXPIRED' })?.state).toBe('EXPIRED');
    expect(parseDeliveryReceipt({ receiptedMessageId: 'x', messageState: 42, text: 'stat:REJECTD' })?.state).toBe('REJECTD');
    expect(parseDeliveryReceipt({ receiptedMessageId: 'x' })?.state).toBe('UNKNOWN');
  });

  it('reads network_error_code as network type and code', () => {
    const r = parseDeliveryReceipt({ receiptedMessageId: 'x', messageState: 5, networkErrorCode: Buffer.from([3, 0x00, 0x22]) });
    expect(r?.err).toBe('GSM:34');
    expect(parseDeliveryReceipt({ receiptedMessageId: 'x', networkErrorCode: Buffer.from([3, 0, 0]), text: 'err:012' })?.err).toBe('012');
    expect(parseDeliveryReceipt({ receiptedMessageId: 'x', networkErrorCode: Buffer.from([3]) })?.err).toBeNull();
  });

  it('uses the text id when the TLV id is blank', () => {
    expect(parseDeliveryReceipt({ receiptedMessageId: ' \u0000', text: 'id:42 stat:DELIVRD' })?.messageId).toBe('42');
  });
});

describe('parseDeliveryReceipt on arbitrary input', () => {
  it('never throws and always names a state from the list', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constant('id:1 stat:DELIVRD text:'))),
        fc.option(fc.string()),
        fc.option(fc.integer({ min: -5, max: 300 })),
        fc.option(fc.uint8Array({ maxLength: 5 })),
        (text, id, state, err) => {
          const r = parseDeliveryReceipt({
            text: text ?? undefined,
            receiptedMessageId: id ?? undefined,
            messageState: state ?? undefined,
            networkErrorCode: err ? Buffer.from(err) : undefined,
          });
          if (r) {
            expect(r.messageId.length).toBeGreaterThan(0);
            expect(r.delivered).toBe(r.state === 'DELIVRD');
          }
        },
      ),
    );
  });
});

describe('message id matching', () => {
  it.each([
    ['0000A1F', '2591'],
    ['2591', '0000a1f'],
    ['a1f', 'A1F'],
    ['007', '7'],
    ['0', '000'],
    ['10', '16'],
    ['12345678901234567890', 'AB54A98CEB1F0AD2'],
    ['MSG-001', 'msg-001'],
  ])('%s is the same message as %s', (a, b) => {
    expect(sameMessageId(a, b)).toBe(true);
    expect(sameMessageId(b, a)).toBe(true);
  });

  it.each([
    ['2591', '2592'],
    ['a1f', 'a1e'],
    ['MSG-001', 'MSG-1'],
    ['', ''],
    ['abc', ''],
  ])('%j is not the same message as %j', (a, b) => {
    expect(sameMessageId(a, b)).toBe(false);
  });

  it('indexes a submitted id under every form a receipt may use; the receipt needs one lookup', () => {
    expect(messageIdKeys('0000A1F')).toEqual(['a1f', '2591']);
    expect(messageIdKeys('2591')).toEqual(['2591', '9617', 'a1f']);
    expect(messageIdKeys(' MSG-001 ')).toEqual(['msg-001']);
    expect(messageIdKeys('')).toEqual([]);
    expect(messageIdLookupKey('00002591')).toBe('2591');
    expect(messageIdKeys('2591')).toContain(messageIdLookupKey('A1F'));
  });

  it('matches a hex id with its decimal value and back, in any case and with any leading zeros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n }), fc.nat({ max: 4 }), fc.boolean(), (value, zeros, upper) => {
        const hexId = '0'.repeat(zeros) + (upper ? value.toString(16).toUpperCase() : value.toString(16));
        const decId = '0'.repeat(zeros) + value.toString(10);
        expect(sameMessageId(hexId, decId)).toBe(true);
        expect(sameMessageId(decId, hexId)).toBe(true);
        expect(messageIdKeys(hexId)).toContain(messageIdLookupKey(decId));
      }),
    );
  });

  it('is symmetric for any pair of ids', () => {
    const id = fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9a-fA-F]{1,12}$/), fc.stringMatching(/^[0-9]{1,12}$/));
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(sameMessageId(a, b)).toBe(sameMessageId(b, a));
      }),
    );
  });
});

describe('esm_class message type', () => {
  it.each([
    [0x00, 'default', false],
    [0x40, 'default', false],
    [0x04, 'smsc-delivery-receipt', true],
    [0x44, 'smsc-delivery-receipt', true],
    [0x08, 'sme-delivery-ack', false],
    [0x10, 'sme-manual-ack', false],
    [0x18, 'conversation-abort', false],
    [0x20, 'intermediate-notification', true],
    [0x0c, 'reserved', false],
  ] as const)('esm_class %i', (esm, type, receipt) => {
    expect(deliverSmType(esm)).toBe(type);
    expect(isDeliveryReceipt(esm)).toBe(receipt);
  });
});

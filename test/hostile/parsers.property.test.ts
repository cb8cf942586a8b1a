import fc from 'fast-check';
import { MalformedPduError, parseDeliverSm } from '../../channels/sms/receive/deliverSm';
import { parseUdh } from '../../channels/sms/codec/udh';
import { decodeUcs2 } from '../../channels/sms/codec/textCoding';
import { parseDeliveryReceipt } from '../../channels/sms/codec/deliveryReceipt';
import { ActivityPayload } from '../../channels/twitter/webhookPayload';
import { messagesFromWebhook } from '../../channels/twitter/inboundMessages';
import { readWebhookBody, WebhookBody } from '../../channels/instagram/webhookPayload';
import { ReportRequest } from '../../channels/mobile/schema';
import { parseWebForm } from '../../channels/web/formSchema';
import { clipText } from '../../src/intake/clipText';
import { stripNul } from '../../src/intake/stripNul';
import { InboundMessage, MAX_MESSAGE_TEXT } from '../../src/message/inboundMessage';
import { normalizeIndonesianPhone } from '../../src/message/phone';
import { findTrackingNumber, generateTrackingNumber, parseTrackingNumber } from '../../src/tickets/trackingNumber';

/**
 * Every parser of outside data, fed what fast-check can think of: it answers with a value or its
 * own clear error (null, a refusal, a named error class), never an unexpected throw, and what it
 * lets through is something the core will take (InboundMessage) rather than fail on later, where
 * a failure is a 500 or a webhook retried for days. The SMS codec's own tests already fuzz
 * GSM/UCS2 decoding and DLR text; here are the PDU, the UDH, and everything else.
 */
const RUNS = { numRuns: 300 };

// Strings that break naive code: NUL, lone surrogates, RTL marks, very long runs, JSON/HTML/SQL bits.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '<script>alert(1)</script>', "'; DROP TABLE tickets; --", '{"$gt":""}', '__proto__', '../../etc/passwd', ''),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const big = (n: number) => fc.constantFrom('x'.repeat(n), '😀'.repeat(n / 2), '9'.repeat(n));

describe('SMPP deliver_sm and UDH', () => {
  test('any bytes: a parsed PDU or MalformedPduError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.boolean(), (bytes, fixLength) => {
        const pdu = Buffer.from(bytes.length >= 16 ? bytes : new Uint8Array(16));
        // Half the cases carry a correct command_length so the body parser itself is exercised.
        if (fixLength) pdu.writeUInt32BE(pdu.length, 0);
        try {
          const parsed = parseDeliverSm(pdu);
          expect(parsed.shortMessage.length).toBeLessThanOrEqual(pdu.length);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedPduError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('a valid deliver_sm with any byte changed still parses or is refused clearly', () => {
    const header = Buffer.alloc(16);
    header.writeUInt32BE(0x00000005, 4);
    const body = Buffer.concat([
      Buffer.from('\0'),
      Buffer.from([1, 1]),
      Buffer.from('6281234567890\0'),
      Buffer.from([3, 0]),
      Buffer.from('1708\0'),
      Buffer.from([0x40, 0, 0]),
      Buffer.from('\0\0'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from([11, 5, 0, 3, 7, 2, 1, 0x48, 0x61, 0x6c, 0x6f, 0x21]),
    ]);
    const valid = Buffer.concat([header, body]);
    valid.writeUInt32BE(valid.length, 0);
    expect(parseDeliverSm(valid).sourceAddr).toBe('6281234567890');
    fc.assert(
      fc.property(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const pdu = Buffer.from(valid);
        pdu[at] = value;
        try {
          parseDeliverSm(pdu);
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedPduError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('any UDH bytes: null or a concatenation whose part number is within its total', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 160 }), (bytes) => {
        const udh = parseUdh(Buffer.from(bytes));
        if (udh?.concat) {
          expect(udh.concat.total).toBeGreaterThanOrEqual(1);
          expect(udh.concat.seq).toBeGreaterThanOrEqual(1);
          expect(udh.concat.seq).toBeLessThanOrEqual(udh.concat.total);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('UCS2 of any length and any surrogates decodes to a string without throwing', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expect(typeof decodeUcs2(Buffer.from(bytes))).toBe('string')), RUNS);
  });

  test('receipt TLVs of any shape: null or a receipt with a known state', () => {
    fc.assert(
      fc.property(fc.option(nasty, { nil: undefined }), fc.option(fc.integer(), { nil: undefined }), fc.option(fc.uint8Array({ maxLength: 6 }), { nil: undefined }), (id, state, err) => {
        const r = parseDeliveryReceipt({ receiptedMessageId: id, messageState: state, networkErrorCode: err ? Buffer.from(err) : undefined });
        if (r) expect(typeof r.messageId).toBe('string');
      }),
      RUNS,
    );
  });
});

const OUR_ID = '1480000000000000001';
const OUR_IG = '17841400000000001';

describe('X Account Activity bodies', () => {
  test('any JSON: safeParse answers, never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => void ActivityPayload.safeParse(json)), RUNS);
  });

  test('every message read from a valid body is one the core accepts', () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^[1-9]\\d{0,${max}}$`));
    const tweet = fc.record({
      id_str: fc.oneof(digits(19), digits(600)),
      created_at: fc.oneof(nasty, fc.constant('Wed Oct 10 20:19:24 +0000 2018')),
      text: fc.oneof(nasty, big(25_000)),
      user: fc.record({ id_str: fc.oneof(digits(19), digits(300)), screen_name: fc.string({ maxLength: 100 }), name: fc.string({ maxLength: 200 }) }),
      entities: fc.constant({ user_mentions: [{ id_str: OUR_ID }] }),
    });
    const dm = fc.record({
      type: fc.constant('message_create'),
      id: digits(600),
      created_timestamp: fc.oneof(digits(13), digits(40)),
      message_create: fc.record({ target: fc.constant({ recipient_id: OUR_ID }), sender_id: fc.oneof(digits(19), nasty), message_data: fc.record({ text: fc.oneof(nasty, big(25_000)) }) }),
    });
    fc.assert(
      fc.property(fc.array(tweet, { maxLength: 3 }), fc.array(dm, { maxLength: 3 }), (tweets, dms) => {
        const parsed = ActivityPayload.safeParse({ for_user_id: OUR_ID, tweet_create_events: tweets, direct_message_events: dms });
        if (!parsed.success) return;
        for (const message of messagesFromWebhook(parsed.data, OUR_ID, new Date())) {
          // What Intake.accept does before validating (src/intake/accept.ts).
          const check = InboundMessage.safeParse(clipText(stripNul(message)));
          expect(check.success ? 'ok' : check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toBe('ok');
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('text longer than a message keeps', () => {
  test('is cut to the limit with an ellipsis, never through a surrogate pair; shorter text is untouched', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: MAX_MESSAGE_TEXT - 5, max: MAX_MESSAGE_TEXT + 5 }), (tail, n) => {
        const text = '😀'.repeat(Math.floor(n / 2)) + 'a'.repeat(n % 2) + tail;
        const { text: clipped } = clipText({ channel: 'sms', externalId: 'x', sender: { id: 'x' }, text, receivedAt: new Date(), raw: null });
        if (text.length <= MAX_MESSAGE_TEXT) expect(clipped).toBe(text);
        else {
          expect(clipped.length).toBeLessThanOrEqual(MAX_MESSAGE_TEXT);
          expect(clipped.endsWith('…')).toBe(true);
          expect(text.startsWith(clipped.slice(0, -1))).toBe(true);
          expect(clipped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
        }
      }),
      RUNS,
    );
  });
});

describe('Instagram Graph webhook bodies', () => {
  test('any JSON: safeParse answers, never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), (json) => void WebhookBody.safeParse(json)), RUNS);
  });

  test('every update read from a valid body has a real instant, bounded text and https attachments only', () => {
    const id = fc.stringMatching(/^[1-9]\d{0,20}$/);
    const event = fc.record({
      sender: fc.record({ id }),
      recipient: fc.constant({ id: OUR_IG }),
      timestamp: fc.oneof(fc.constant(1_700_000_000_000), fc.double({ min: 0, max: 1e300, noNaN: true })),
      message: fc.record({
        mid: fc.string({ minLength: 1, maxLength: 40 }),
        text: nasty,
        attachments: fc.array(fc.record({ type: fc.constantFrom('image', 'file', 'share'), payload: fc.record({ url: fc.oneof(fc.webUrl(), nasty, fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'http://127.0.0.1:6379/', 'https://169.254.169.254/latest/meta-data/')) }) }), { maxLength: 3 }),
      }),
    });
    const body = fc.record({
      object: fc.constant('instagram'),
      entry: fc.array(fc.record({ id: fc.constant(OUR_IG), time: fc.oneof(fc.constant(1_700_000_000), fc.double({ min: 0, max: 1e300, noNaN: true })), messaging: fc.array(event, { maxLength: 3 }) }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(body, (b) => {
        const parsed = WebhookBody.safeParse(b);
        if (!parsed.success) return;
        for (const update of readWebhookBody(parsed.data, OUR_IG).updates) {
          if (update.at) expect(Number.isNaN(update.at.getTime())).toBe(false);
          if (update.kind === 'dm') {
            for (const a of update.attachments) expect(a.url).toMatch(/^https:\/\//);
            expect(update.text.length).toBeLessThanOrEqual(20_000);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mobile API JSON and web form posts', () => {
  const hostileJson = fc.oneof(
    fc.jsonValue(),
    fc.record({ text: nasty, reporter: fc.anything(), attachments: fc.anything(), privacy: nasty }, { requiredKeys: [] }),
    fc.record({ text: fc.string({ minLength: 1, maxLength: 50 }), attachments: fc.array(fc.record({ url: fc.oneof(fc.webUrl(), nasty, fc.constantFrom('javascript:alert(1)', 'ftp://x.y/z', 'file:///etc/passwd', 'http://127.0.0.1/', 'http://[::1]/', 'http://169.254.169.254/')) }), { maxLength: 3 }) }),
  );

  test('a report body: accepted only with text, and attachments only as http(s) links to a domain name', () => {
    fc.assert(
      fc.property(hostileJson, (json) => {
        const r = ReportRequest.safeParse(json);
        if (!r.success) return;
        expect(r.data.text.trim().length).toBeGreaterThan(0);
        for (const a of r.data.attachments) {
          const url = new URL(a.url);
          expect(['http:', 'https:']).toContain(url.protocol);
          expect(url.hostname).not.toMatch(/^(\d+\.){3}\d+$|^\[|^localhost$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('a form body of any fields: a report or errors keyed by field, never a throw', () => {
    const field = fc.constantFrom('judul', 'isi', 'lokasi', 'tanggal', 'kategori', 'privasi', 'nama', 'telepon', 'email', 'website', 'nonce', 'lang', '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.dictionary(field, fc.oneof(nasty, fc.array(nasty, { maxLength: 3 }), big(6000)), { maxKeys: 12 }), fc.constantFrom('id' as const, 'en' as const), (body, lang) => {
        const r = parseWebForm(body, lang);
        if (r.ok) expect(r.value.isi.length).toBeGreaterThanOrEqual(20);
        else for (const message of Object.values(r.errors)) expect(typeof message).toBe('string');
      }),
      { numRuns: 500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('tracking numbers and phone numbers', () => {
  test('any text: null or one canonical 10-digit number, found in linear time', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, fc.stringMatching(/^[#lprLPR \d-]{0,40}$/)), (s) => {
        for (const found of [parseTrackingNumber(s), findTrackingNumber(s)]) if (found !== null) expect(found).toMatch(/^[1-9]\d{9}$/);
      }),
      { numRuns: 1000 },
    );
    // Catastrophic backtracking would take seconds on these; linear matching takes milliseconds.
    for (const s of ['1 '.repeat(50_000) + 'x', '1-'.repeat(50_000) + '-', '9'.repeat(100_000) + 'a', `lpr${' -'.repeat(40_000)}`]) {
      const start = process.hrtime.bigint();
      parseTrackingNumber(s);
      findTrackingNumber(s);
      expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500);
    }
  });

  test('a generated number with one digit changed or two neighbours swapped is refused', () => {
    fc.assert(
      fc.property(fc.nat({ max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat({ max: 8 }), (at, delta, swapAt) => {
        const n = generateTrackingNumber();
        const changed = n.slice(0, at) + String((Number(n[at]) + delta) % 10) + n.slice(at + 1);
        if (changed[0] !== '0') expect(parseTrackingNumber(changed)).toBeNull();
        const swapped = n.slice(0, swapAt) + n[swapAt + 1] + n[swapAt] + n.slice(swapAt + 2);
        if (swapped !== n && swapped[0] !== '0') expect(parseTrackingNumber(swapped)).toBeNull();
      }),
      RUNS,
    );
  });

  test('any text: null or an E.164 number', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, fc.stringMatching(/^[+0-9 ()-.]{0,30}$/), big(100)), (s) => {
        const phone = normalizeIndonesianPhone(s);
        if (phone !== null) expect(phone).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
      { numRuns: 1000 },
    );
  });
});

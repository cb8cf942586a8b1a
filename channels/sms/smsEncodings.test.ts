import { encodeGsm } from './codec/gsm0338';
import { encodeUcs2 } from './codec/textCoding';
import type { MoMessage } from './simulator/smscSimulator';
import { oneTicketFrom, startSmsRig, type SmsRig } from './testSupport';

describe('SMS texts in every coding an SMSC sends become the exact ticket text', () => {
  let rig: SmsRig;

  beforeAll(async () => {
    rig = await startSmsRig();
  });

  afterAll(async () => {
    await rig.stop();
  });

  const cases: { label: string; message: (from: string) => MoMessage; text: string }[] = [
    {
      label: 'GSM 03.38 with extension characters (data_coding 0)',
      text: 'Jalan rusak {RT 05} [RW 02] biaya €100 ~ ^ | \\ di Jl. Asia-Afrika',
      message: (from) => ({ from, dataCoding: 0, text: 'Jalan rusak {RT 05} [RW 02] biaya €100 ~ ^ | \\ di Jl. Asia-Afrika' }),
    },
    {
      label: 'GSM 03.38 basic table letters that ASCII lacks (@ £ ¥ è Ä ñ)',
      text: 'Email saya budi@contoh.id, tagihan £5 ¥7 è Ä ñ sudah dibayar',
      message: (from) => ({ from, dataCoding: 0, bytes: encodeGsm('Email saya budi@contoh.id, tagihan £5 ¥7 è Ä ñ sudah dibayar') }),
    },
    {
      label: 'UCS2 with an emoji (surrogate pair) and Javanese script',
      text: 'Banjir lagi 😡🌊 di ꦏꦺꦴꦠ Semarang',
      message: (from) => ({ from, dataCoding: 8, text: 'Banjir lagi 😡🌊 di ꦏꦺꦴꦠ Semarang' }),
    },
    {
      label: 'Latin-1 (data_coding 3)',
      text: 'Café di Jl. Braga buang limbah ke sungai, sudah 3×',
      message: (from) => ({ from, dataCoding: 3, text: 'Café di Jl. Braga buang limbah ke sungai, sudah 3×' }),
    },
    {
      label: 'ASCII under data_coding 1 (the smpp package reads it with the GSM table)',
      text: 'Pungli_parkir @pasar $5000 tiap hari',
      message: (from) => ({ from, dataCoding: 1, text: 'Pungli_parkir @pasar $5000 tiap hari' }),
    },
    {
      label: 'text in message_payload instead of short_message',
      text: 'Sampah menumpuk di TPS Cibiru sudah dua minggu, bau sekali dan banyak lalat.',
      message: (from) => ({ from, dataCoding: 8, bytes: encodeUcs2('Sampah menumpuk di TPS Cibiru sudah dua minggu, bau sekali dan banyak lalat.'), payload: true }),
    },
  ];

  it.each(cases.map((c, i) => [c.label, c, i] as const))('%s', async (_label, c, i) => {
    const from = `08123450${String(100 + i)}`;
    const result = await rig.smsc.deliver(c.message(from));
    expect(result.statuses).toEqual([0]);
    const ticket = await oneTicketFrom(rig.gw, `+628123450${String(100 + i)}`);
    expect(ticket.text).toBe(c.text);
  });

  it('recognises one citizen across 08…, 628… and +628… source addresses', async () => {
    await rig.smsc.deliver({ from: '6281299990001', text: 'Trotoar di depan pasar Kosambi rusak parah' });
    const ticket = await oneTicketFrom(rig.gw, '+6281299990001');
    expect(ticket.reporter.phone).toBe('+6281299990001');
    await rig.smsc.deliver({ from: '+6281299990002', text: 'Drainase tersumbat di Jl. Cikutra' });
    expect((await oneTicketFrom(rig.gw, '+6281299990002')).reporter.id).toBe('+6281299990002');
  });
});

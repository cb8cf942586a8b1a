import { postAppReport } from '../../test/support/appReports';
import { eventually, startTestGateway, type TestGateway } from '../../test/support/testGateway';

function sample(metrics: string, name: string, labels: string): number | null {
  const line = metrics.split('\n').find((l) => l.startsWith(`${name}{${labels}}`) || (labels === '' && l.startsWith(`${name} `)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

describe('GET /metrics', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function scrape(): Promise<string> {
    const res = await fetch(`${t.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  }

  it('counts a report from intake to its reply, with queue and channel gauges, and no personal data', async () => {
    const res = await postAppReport(t.baseUrl, 'metrics-1', 'Jembatan kayu di Desa Sukamaju roboh, anak sekolah tidak bisa lewat. Hubungi saya 081234567890.');
    expect(res.status).toBe(201);
    const metrics = await eventually(async () => {
      const m = await scrape();
      return (sample(m, 'lapor_replies_total', 'channel="mobile",outcome="delivered"') ?? 0) >= 1 ? m : null;
    });
    expect(sample(metrics, 'lapor_messages_received_total', 'channel="mobile",redelivered="false"')).toBe(1);
    expect(sample(metrics, 'lapor_inbound_decisions_total', 'channel="mobile",kind="new_ticket"')).toBe(1);
    expect(sample(metrics, 'lapor_receipt_to_reply_seconds_count', 'channel="mobile"')).toBe(1);
    expect(sample(metrics, 'lapor_inbound_processing_seconds_count', '')).toBe(1);
    expect(sample(metrics, 'lapor_queue_jobs', 'queue="inbound",state="waiting"')).toBe(0);
    expect(sample(metrics, 'lapor_queue_oldest_waiting_seconds', 'queue="inbound"')).toBe(0);
    expect(sample(metrics, 'lapor_channel_healthy', 'channel="web"')).toBe(1);
    expect(metrics).not.toMatch(/081234567890|6281234567890|Sukamaju/);

    await postAppReport(t.baseUrl, 'metrics-1', 'Jembatan kayu di Desa Sukamaju roboh, anak sekolah tidak bisa lewat. Hubungi saya 081234567890.');
    expect(sample(await scrape(), 'lapor_messages_received_total', 'channel="mobile",redelivered="true"')).toBe(1);
  });
});

import { emptySection, type SectionResult } from '../report/results';
import { pick, type BenchContext } from '../support/benchContext';
import { round } from '../support/stats';
import { runSmsMoBench } from '../smsMo';

/** SMS MO messages/s through the SMPP channel against a bare smpp echo loop: bench/smsMo.ts (the SMS channel's) measures both. */
export async function smsSection(ctx: BenchContext): Promise<SectionResult> {
  const section = emptySection('sms', 'SMS MO through SMPP');
  ctx.progress('sms: bare smpp echo loop, then the SMS channel');
  const r = await runSmsMoBench(pick(ctx, 2000, 100), pick(ctx, 50, 10));
  section.measurements.push({
    label: 'deliver_sm → stored and queued (SMS channel, api role)',
    value: round(r.channelPerSecond, 1),
    unit: 'msg/s',
    baseline: { label: 'bare smpp echo loop (answers every deliver_sm at once)', value: round(r.barePerSecond, 1), unit: 'msg/s' },
    ratio: round(r.ratio, 3),
    details: { messages: r.messages, 'outstanding deliver_sm': r.concurrency },
  });
  section.notes.push(
    'bench/smsMo.ts (the SMS channel\'s): the SMSC simulator pushes deliver_sm over TCP to a gateway in the bench process (api role, in-memory PGlite, its own redis-server without AOF); a deliver_sm_resp ESME_ROK means stored and queued. The baseline is a plain smpp client answering each deliver_sm at once, same simulator load, same run.',
  );
  return section;
}

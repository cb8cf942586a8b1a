import type { Channel, ChannelContext } from '../../src/channels/channel';
import { parseSmsConfig, smsEnabled } from './config';
import { SMS_CHANNEL } from './receive/moReceiver';
import type { LinkStatus } from './session/smsLink';
import { SmsRuntime } from './smsRuntime';

// One runtime per gateway in this process (tests run several gateways in one process, one at a time).
const runtimes = new Map<ChannelContext, SmsRuntime>();

/**
 * The process's SMSC binds. The api role opens them in start(); a process that only sends (the
 * outbound worker of a split deployment) opens its own on its first send(). That is a full bind of
 * SMPP_BIND_TYPE, so MO messages and receipts the SMSC routes to it are taken in there too, through
 * the same intake; SMSCs allow several binds per account (ask the operator for enough).
 */
function runtimeFor(ctx: ChannelContext): SmsRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = new SmsRuntime(parseSmsConfig(ctx.config), ctx);
    runtimes.set(ctx, runtime);
    runtime.start();
  }
  return runtime;
}

/** Session state of every SMSC bind this process holds: for /readyz and the metrics exporter. */
export function smsSessionStates(): LinkStatus[] {
  return [...runtimes.values()].map((r) => r.status());
}

/** SMS 1708 over SMPP 3.4: deliver_sm in, submit_sm out, delivery receipts tracked. */
export const smsChannel: Channel = {
  name: SMS_CHANNEL,
  // Three concatenated GSM parts (153 characters each); src/replies/templates.ts fits text to it.
  replyStyle: { maxLength: 459 },
  enabled: (config) => {
    if (!smsEnabled(config)) return false;
    // A bad SMS variable stops the process at start, naming the variable.
    parseSmsConfig(config);
    return true;
  },
  start: async (ctx) => {
    runtimeFor(ctx);
  },
  stop: async () => {
    const all = [...runtimes.values()];
    runtimes.clear();
    await Promise.all(all.map((r) => r.stop()));
  },
  send: (reply, ctx) => runtimeFor(ctx).sender.send(reply),
  health: () => {
    const states = smsSessionStates();
    const first = states[0];
    if (!first) return { enabled: true, state: 'not_started' };
    return { enabled: true, ...first };
  },
};

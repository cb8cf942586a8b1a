import { loadConfig } from '../../config/env';
import type { Channel } from './channel';
import { ChannelRegistry, UnknownChannelError } from './registry';

const channel = (name: string, on = true): Channel => ({
  name,
  replyStyle: { maxLength: null },
  enabled: () => on,
  send: async () => ({ status: 'delivered', providerId: null }),
});

describe('ChannelRegistry', () => {
  const config = loadConfig({});

  it('holds the enabled channels, in order', () => {
    const registry = new ChannelRegistry([channel('web'), channel('sms', false), channel('mobile')], config);
    expect(registry.names()).toEqual(['web', 'mobile']);
    expect(registry.get('mobile').name).toBe('mobile');
  });

  it('names a channel it does not hold', () => {
    const registry = new ChannelRegistry([channel('web')], config);
    expect(() => registry.get('sms')).toThrow(UnknownChannelError);
    expect(() => registry.get('sms')).toThrow(/sms/);
  });

  it('refuses the same channel twice', () => {
    expect(() => new ChannelRegistry([channel('web'), channel('web')], config)).toThrow(/twice/);
  });
});

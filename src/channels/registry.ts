import type { Config } from '../../config/env';
import type { Channel } from './channel';

export class UnknownChannelError extends Error {
  constructor(name: string) {
    super(`no channel named ${name}`);
    this.name = 'UnknownChannelError';
  }
}

/** The one place that knows which channels exist; built from the list in channels/index.ts. */
export class ChannelRegistry {
  private readonly byName = new Map<string, Channel>();

  constructor(channels: readonly Channel[], config: Config) {
    for (const channel of channels) {
      if (this.byName.has(channel.name)) throw new Error(`channel ${channel.name} registered twice`);
      if (channel.enabled(config)) this.byName.set(channel.name, channel);
    }
  }

  get(name: string): Channel {
    const channel = this.byName.get(name);
    if (!channel) throw new UnknownChannelError(name);
    return channel;
  }

  all(): Channel[] {
    return [...this.byName.values()];
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

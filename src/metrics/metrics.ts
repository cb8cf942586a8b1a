import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Everything the gateway counts, on a registry of its own (not prom-client's global one) so that
 * several gateways in one process (tests, the demo) never mix their numbers. Counters and
 * histograms are per process: in a split deployment every process serves /metrics (the api on
 * its port, workers on METRICS_PORT) and Prometheus sums them.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly messagesReceived = new Counter({
    name: 'lapor_messages_received_total',
    help: 'Messages accepted into the inbox, per channel; redelivered = the channel sent one we already had',
    labelNames: ['channel', 'redelivered'] as const,
    registers: [this.registry],
  });

  readonly intakeRefused = new Counter({
    name: 'lapor_intake_refused_total',
    help: 'Messages refused at intake because the store or the queue could not take them (answered 503 / temporary error)',
    labelNames: ['channel', 'reason'] as const,
    registers: [this.registry],
  });

  readonly decisions = new Counter({
    name: 'lapor_inbound_decisions_total',
    help: 'What the inbound worker decided per message: new_ticket, duplicate, followup, status_query, greeting, spam, empty',
    labelNames: ['channel', 'kind'] as const,
    registers: [this.registry],
  });

  readonly reviewItems = new Counter({
    name: 'lapor_review_items_total',
    help: 'Review items opened for operators, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly cases = new Counter({
    name: 'lapor_case_links_total',
    help: 'Tickets linked into a case (many citizens, one problem)',
    registers: [this.registry],
  });

  readonly replies = new Counter({
    name: 'lapor_replies_total',
    help: 'Reply send attempts by outcome: sent, delivered, failed, retry, rate_limited',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly rateLimitWaits = new Counter({
    name: 'lapor_platform_rate_limit_waits_total',
    help: 'Times a platform told us to wait (rate-limit windows, SMSC throttling) before sending again',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly inboundSeconds = new Histogram({
    name: 'lapor_inbound_processing_seconds',
    help: 'Time to process one inbound message (parse, dedup, ticket, reply record)',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly receiptToReplySeconds = new Histogram({
    name: 'lapor_receipt_to_reply_seconds',
    help: 'From the moment a message was received to the moment its reply was handed to the channel',
    labelNames: ['channel'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'lapor_queue_jobs',
    help: 'Jobs in each queue by state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly queueOldestSeconds = new Gauge({
    name: 'lapor_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job waiting in each queue (0 when empty)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly channelUp = new Gauge({
    name: 'lapor_channel_healthy',
    help: '1 when the channel reports itself healthy (credentials valid, SMPP bound), 0 otherwise',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly channelState = new Gauge({
    name: 'lapor_channel_session_state',
    help: 'Session state a channel reports (SMPP: disconnected, connecting, bound, …): 1 for the current one',
    labelNames: ['channel', 'state'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'lapor_process_' });
  }
}

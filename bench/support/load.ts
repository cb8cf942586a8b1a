import autocannon from 'autocannon';
import { percentiles, round } from './stats';

export interface LoadRequest {
  method: 'POST' | 'GET';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Run for this long, or until `amount` requests have been answered. */
  durationSeconds?: number;
  amount?: number;
  /** Requests per second over all connections; unset = as fast as the server answers. */
  overallRate?: number;
  /** A fresh request each time: unique ids and signatures, so the server never sees a replay. */
  request: () => LoadRequest;
}

export interface LoadResult {
  requestsPerSecond: number;
  /** Milliseconds, over every response of the run. */
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  non2xx: number;
  errors: number;
  /** The first non-2xx status seen, to explain a failed run. */
  firstBadStatus: number | null;
}

type ResponseListener = (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void;

/** One autocannon run in this process against a server in another. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstBadStatus: number | null = null;
  return new Promise((resolve, reject) => {
    const first = options.request();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
        overallRate: options.overallRate,
        method: first.method,
        requests: [{ setupRequest: (req) => ({ ...req, ...options.request() }) }],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const p = percentiles(latencies);
        resolve({
          requestsPerSecond: round(result.requests.total / Math.max(0.001, result.duration), 1),
          p50: round(p.p50),
          p95: round(p.p95),
          p99: round(p.p99),
          responses: latencies.length,
          non2xx: result.non2xx,
          errors: result.errors,
          firstBadStatus,
        });
      },
    );
    // The instance emits 'response' (client, status, bytes, ms) for every answer (lib/run.js);
    // @types/autocannon does not declare it on the instance, hence the plain EventEmitter view.
    const onResponse: ResponseListener = (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if ((statusCode < 200 || statusCode > 299) && firstBadStatus === null) firstBadStatus = statusCode;
    };
    const events: NodeJS.EventEmitter = instance;
    events.on('response', onResponse);
  });
}

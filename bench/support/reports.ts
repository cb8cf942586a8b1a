import { randomUUID } from 'node:crypto';
import type { LoadRequest } from './load';
import { benchText } from './texts';

/** The n-th app report of a load: a new Idempotency-Key, a complaint text and a reporter phone each time. */
export function mobileReport(n: number): LoadRequest {
  return {
    method: 'POST',
    path: '/api/v1/reports',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ text: benchText(n), location: 'Kota Bandung', reporter: { phone: `+62812${String(10_000_000 + (n % 90_000_000))}` } }),
  };
}

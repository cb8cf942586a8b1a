/** POST /api/v1/reports as the mobile app does it: JSON with an Idempotency-Key. */
export function postAppReport(baseUrl: string, idempotencyKey: string, text: string): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ text }),
  });
}

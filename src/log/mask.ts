/**
 * Phone numbers and secrets must never reach logs. Masking happens on every string a log line
 * carries, because a phone number can hide anywhere (an SMS text, an error message, a URL).
 */

// Indonesian and international numbers: +62…, 62…, 08…, with optional spaces or dashes.
const PHONE = /(?<![\w.])(?:\+?62|0)8[\d\s-]{6,14}\d(?!\w)|(?<![\w.])\+\d[\d\s-]{7,15}\d(?!\w)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_PARAM = /\b(token|secret|password|api_key|apikey|access_token)=([^&\s"]+)/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]+)(@)/gi;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length <= 3 ? '***' : `***${digits.slice(-3)}`;
}

export function maskString(s: string): string {
  return s
    .replace(URL_PASSWORD, '$1***$3')
    .replace(BEARER, '$1 ***')
    .replace(SECRET_PARAM, '$1=***')
    .replace(PHONE, (m) => maskPhone(m));
}

const SECRET_KEYS = /^(authorization|cookie|set-cookie|password|pass|secret|token|accesstoken|access_token|apitoken|api_key|idempotency-key|x-api-key)$/i;
const PHONE_KEYS = /^(phone|msisdn|telepon|source_addr|destination_addr)$/i;

/** Deep copy of a log value with secrets removed and phone numbers masked. */
export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskString(value.message), stack: value.stack ? maskString(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_KEYS.test(k)) out[k] = '***';
    else if (PHONE_KEYS.test(k) && typeof v === 'string') out[k] = maskPhone(v);
    else out[k] = maskValue(v, depth + 1);
  }
  return out;
}

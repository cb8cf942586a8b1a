/**
 * PostgreSQL refuses U+0000 in text and jsonb, so a NUL from outside would turn a valid message
 * into a storage error. No channel carries meaning in NUL (GSM's 0x00 is decoded to '@' before
 * this point), so it is removed everywhere before validation.
 */
const NUL = new RegExp(String.fromCharCode(0), 'g');

export function stripNul<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(NUL, '') as T;
  if (value === null || typeof value !== 'object' || depth > 64 || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => stripNul(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // defineProperty, not assignment: a "__proto__" key from outside must stay a plain key.
    Object.defineProperty(out, k.replace(NUL, ''), { value: stripNul(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

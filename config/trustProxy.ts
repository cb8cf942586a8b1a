import { isIP } from 'node:net';

/** Express's "trust proxy": a hop count, all or nothing, or the addresses and subnets of trusted proxies. */
export type TrustProxy = boolean | number | string[];

const NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isSubnet(item: string): boolean {
  const [address = '', prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(prefix) === 4;
}

/**
 * TRUST_PROXY as Express needs it. Given as a string, "1" would be read as an IP address (so
 * behind one proxy every client shares the proxy's rate-limit bucket) and "true" throws; numbers
 * and booleans are converted, lists are split, and anything else is refused at start.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const v = value.trim();
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  if (/^\d+$/.test(v)) return Number(v);
  const items = v.split(',').map((s) => s.trim());
  return items.every((i) => NAMES.has(i) || isSubnet(i)) ? items : null;
}

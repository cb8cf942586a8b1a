import type { ParsedLocation } from '../parser';
import type { RegionLevel } from './regionTable';

/**
 * How people write a region: "Kel. Dago" or "Desa Purbasari" (Kemendagri numbers kelurahan
 * 1001… and desa 2001… within a district), "Kec. Coblong" or, in the provinces of Papua (91–96),
 * "Distrik Abepura"; regencies and provinces by their official names.
 */
export function regionLabel(level: RegionLevel, code: string, name: string): string {
  if (level === 'village') return `${code.split('.')[3]?.startsWith('1') ? 'Kel.' : 'Desa'} ${name}`;
  if (level === 'district') return `${code.startsWith('9') ? 'Distrik' : 'Kec.'} ${name}`;
  return name;
}

/**
 * One line for people, most specific first: "Kel. Dago, Kec. Coblong, Kota Bandung, Jawa Barat —
 * Jl. Ir. H. Juanda depan SDN 3"; null when there is neither a region nor an address.
 */
export function locationText(location: ParsedLocation): string | null {
  const levels = ['village', 'district', 'regency', 'province'] as const;
  const region = levels
    .flatMap((level) => {
      const named = location[level];
      return named ? [regionLabel(level, named.code, named.name)] : [];
    })
    .join(', ');
  if (region && location.address) return `${region} — ${location.address}`;
  return region || location.address || null;
}

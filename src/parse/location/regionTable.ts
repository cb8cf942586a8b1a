import regionsFile from '../../../config/regions/regions.json';

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';
export type VillageKind = 'desa' | 'kelurahan';

export interface Region {
  /** Kemendagri code: "32", "32.73", "32.73.02", "32.73.02.1001". */
  code: string;
  /** Official name: "Jawa Barat", "Kota Bandung", "Coblong", "Dago". */
  name: string;
  level: RegionLevel;
  /** The name people use without the administrative word: "Bandung" for "Kota Bandung". */
  baseName: string;
  /** Regencies only: a kabupaten or a kota (city). */
  kind?: 'kabupaten' | 'kota';
}

export interface RegionsFile {
  provinces: string[];
  regencies: string[];
  districts: string[];
  villages: string[];
}

const LEVEL_BY_SEGMENTS: Readonly<Record<number, RegionLevel>> = { 1: 'province', 2: 'regency', 3: 'district', 4: 'village' };
const DOT = '.'.charCodeAt(0);
const REGENCY_WORDS = /^(Kabupaten|Kota)( Administrasi)? /;

/** Every administrative region of Indonesia by code, read from config/regions/regions.json. */
export class RegionTable {
  private readonly byCode = new Map<string, Region>();
  /** Regency code → the kinds of village it has, built on first use. */
  private villageKinds: Map<string, Set<VillageKind>> | undefined;

  private static loaded: RegionTable | undefined;

  /** The shipped table, built once per process: the matcher and the router share it. */
  static shared(): RegionTable {
    RegionTable.loaded ??= RegionTable.load();
    return RegionTable.loaded;
  }

  static load(file: RegionsFile = regionsFile): RegionTable {
    const table = new RegionTable();
    for (const line of file.provinces) table.add(splitLine(line));
    for (const line of file.regencies) table.add(splitLine(line));
    for (const line of file.districts) table.add(splitLine(line));
    for (const line of file.villages) {
      const [districtCode, list] = splitLine(line);
      for (const entry of list.split('|')) {
        const [suffix, name] = splitLine(entry);
        table.add([`${districtCode}.${suffix}`, name]);
      }
    }
    return table;
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  all(): IterableIterator<Region> {
    return this.byCode.values();
  }

  get size(): number {
    return this.byCode.size;
  }

  /** The region and its ancestors, province first. */
  path(code: string): Region[] {
    const path: Region[] = [];
    for (const ancestor of ancestorCodes(code)) {
      const region = this.byCode.get(ancestor);
      if (region) path.push(region);
    }
    return path;
  }

  /**
   * Whether a regency has villages of a kind. Kemendagri village codes say it: 1xxx is a
   * kelurahan, 2xxx a desa. Every kota of a kota/kabupaten pair but Jayapura has no desa.
   */
  hasVillages(regencyCode: string, kind: VillageKind): boolean {
    if (!this.villageKinds) {
      this.villageKinds = new Map();
      for (const region of this.byCode.values()) {
        if (region.level !== 'village') continue;
        const regency = region.code.slice(0, 5);
        const kinds = this.villageKinds.get(regency) ?? new Set<VillageKind>();
        kinds.add(region.code.charAt(region.code.lastIndexOf('.') + 1) === '2' ? 'desa' : 'kelurahan');
        this.villageKinds.set(regency, kinds);
      }
    }
    return this.villageKinds.get(regencyCode)?.has(kind) ?? false;
  }

  private add([code, name]: [string, string]): void {
    let segments = 1;
    for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === DOT) segments++;
    const level = LEVEL_BY_SEGMENTS[segments];
    if (!level) throw new Error(`region code ${code} has an unexpected shape`);
    const region: Region = { code, name, level, baseName: name };
    if (level === 'regency') {
      region.kind = name.startsWith('Kota ') ? 'kota' : 'kabupaten';
      region.baseName = name.replace(REGENCY_WORDS, '');
    }
    this.byCode.set(code, region);
  }
}

function splitLine(line: string): [string, string] {
  const space = line.indexOf(' ');
  if (space < 1) throw new Error(`malformed region line "${line.slice(0, 40)}"`);
  return [line.slice(0, space), line.slice(space + 1)];
}

export function parentCode(code: string): string | null {
  const dot = code.lastIndexOf('.');
  return dot < 0 ? null : code.slice(0, dot);
}

/** "32.73.02" → ["32", "32.73", "32.73.02"]. */
export function ancestorCodes(code: string): string[] {
  const codes: string[] = [];
  for (let dot = code.indexOf('.'); dot > 0; dot = code.indexOf('.', dot + 1)) codes.push(code.slice(0, dot));
  codes.push(code);
  return codes;
}

/** True when `ancestor` is `code` itself or one of its ancestors. */
export function contains(ancestor: string, code: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}.`);
}

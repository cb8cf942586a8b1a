import type { Region, RegionTable } from '../location/regionTable';
import type { AgenciesConfig } from './agenciesConfig';

export interface Agency {
  id: string;
  name: string;
  level: 'national' | 'province' | 'regency';
  /** Kemendagri code of the province or regency the unit serves. */
  regionCode?: string;
  categories?: string[];
}

/**
 * Every agency unit: the national ones listed in config/agencies.json plus one unit per template
 * per province or regency (pemkot-32.73, pdam-32.73, pemprov-32 …), with overrides applied.
 */
export class AgencyCatalog {
  private readonly byId = new Map<string, Agency>();
  /** "regency:pdam@32.73" → the unit that serves that template there (after overrides). */
  private readonly units = new Map<string, string>();

  constructor(config: AgenciesConfig, table: RegionTable) {
    for (const a of config.national) this.add({ level: 'national', ...a });
    for (const a of config.extra) this.add(a);
    for (const region of table.all()) {
      if (region.level !== 'province' && region.level !== 'regency') continue;
      for (const [name, template] of Object.entries(config.regional[region.level])) {
        const ref = `${region.level}:${name}`;
        const override = config.overrides.find((o) => o.template === ref && (region.code === o.region || region.code.startsWith(`${o.region}.`)));
        if (override) {
          this.units.set(`${ref}@${region.code}`, override.agency);
          continue;
        }
        const agency: Agency = {
          id: fill(template.id, region),
          name: fill(template.name, region),
          level: region.level,
          regionCode: region.code,
          ...(template.categories ? { categories: template.categories } : {}),
        };
        this.add(agency);
        this.units.set(`${ref}@${region.code}`, agency.id);
      }
    }
    for (const o of config.overrides) {
      if (!this.byId.has(o.agency)) throw new Error(`config/agencies.json: override for ${o.region} names unknown agency ${o.agency}`);
    }
  }

  get(id: string): Agency | undefined {
    return this.byId.get(id);
  }

  list(): Agency[] {
    return [...this.byId.values()];
  }

  /** The unit of a template ("regency:pemda") for a province or regency code, or undefined. */
  unit(ref: string, code: string): Agency | undefined {
    const id = this.units.get(`${ref}@${code}`);
    return id ? this.byId.get(id) : undefined;
  }

  private add(agency: Agency): void {
    if (this.byId.has(agency.id)) throw new Error(`config/agencies.json: agency id ${agency.id} is defined twice`);
    this.byId.set(agency.id, agency);
  }
}

function fill(pattern: string, region: Region): string {
  return pattern
    .replaceAll('{code}', region.code)
    .replaceAll('{name}', region.name)
    .replaceAll('{pemkotOrPemkab}', region.kind === 'kota' ? 'pemkot' : 'pemkab');
}

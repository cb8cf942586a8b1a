import { RegionTable } from '../location/regionTable';
import { type Agency, AgencyCatalog } from './agencyCatalog';
import { loadAgenciesConfig, type AgenciesConfig, type RouteConfig } from './agenciesConfig';

export type { Agency } from './agencyCatalog';

export interface Route {
  agency: string | null;
  confidence: number;
  reasons: string[];
}

/** The table names the unit outright: a national programme, or the region's own unit. */
const DIRECT_CONFIDENCE = 0.9;
/** A word in the message sent it to a national programme's unit. */
const KEYWORD_CONFIDENCE = 0.85;
/** Only the province was known: its government can forward, but a person should check. */
const PROVINCE_FALLBACK_CONFIDENCE = 0.5;
/** No region, and the category has a national default. */
const WITHOUT_REGION_CONFIDENCE = 0.6;
const FALLBACK_CATEGORY = 'lainnya';

/**
 * Picks the agency unit for a category and region from config/agencies.json. `text` (the
 * normalised message) lets a keyword send a report to the national body that runs a programme
 * ("bpjs" in a health complaint goes to BPJS Kesehatan, not the regency's health office).
 */
export class AgencyRouter {
  private constructor(
    private readonly config: AgenciesConfig,
    private readonly catalog: AgencyCatalog,
  ) {}

  static load(table: RegionTable = RegionTable.shared(), raw?: unknown): AgencyRouter {
    const config = loadAgenciesConfig(raw);
    const router = new AgencyRouter(config, new AgencyCatalog(config, table));
    router.checkRoutes();
    return router;
  }

  route(category: string, regionCode: string | null, text?: string): Route {
    const route = this.decide(category, regionCode, text);
    return { ...route, reasons: route.reasons.map((r) => `agency: ${r}`) };
  }

  private decide(category: string, regionCode: string | null, text?: string): Route {
    const reasons: string[] = [];
    let rule = this.config.routes[category];
    if (!rule) {
      rule = this.config.routes[FALLBACK_CATEGORY] as RouteConfig;
      reasons.push(`no route for category "${category}"; routed as "${FALLBACK_CATEGORY}"`);
    }
    const keyword = text ? matchKeyword(rule, text) : null;
    const ref = keyword?.agency ?? rule.agency;
    if (keyword) reasons.push(`"${keyword.word}" in the message → ${this.describeRef(ref)}`);

    const resolved = this.resolve(ref, regionCode);
    if (resolved) {
      reasons.push(`${category} → ${resolved.name} (${resolved.id})`);
      return { agency: resolved.id, confidence: keyword ? KEYWORD_CONFIDENCE : DIRECT_CONFIDENCE, reasons };
    }
    const province = regionCode?.split('.')[0] ?? null;
    if (province && rule.provinceFallback && regionCode === province) {
      const fallback = this.resolve(rule.provinceFallback, province);
      if (fallback) {
        reasons.push(`${category} needs a regency or city, only the province is known: ${fallback.name} (${fallback.id}) can forward it`);
        return { agency: fallback.id, confidence: PROVINCE_FALLBACK_CONFIDENCE, reasons };
      }
    }
    if (!regionCode && rule.withoutRegion) {
      const national = this.resolve(rule.withoutRegion, null);
      if (national) {
        reasons.push(`${category} without a region → ${national.name} (${national.id})`);
        return { agency: national.id, confidence: WITHOUT_REGION_CONFIDENCE, reasons };
      }
    }
    reasons.push(
      regionCode
        ? `unroutable: no ${this.describeRef(ref)} for region ${regionCode}`
        : `unroutable: ${category} goes to ${this.describeRef(ref)}, and the message names no region`,
    );
    return { agency: null, confidence: 0, reasons };
  }

  get(id: string): Agency | undefined {
    return this.catalog.get(id);
  }

  list(): Agency[] {
    return this.catalog.list();
  }

  /** A national id as is; a template at the level it names, from the region or its ancestor. */
  private resolve(ref: string, regionCode: string | null): Agency | undefined {
    const [level, template] = ref.split(':');
    if (template === undefined) return this.catalog.get(ref);
    if (!regionCode) return undefined;
    const parts = regionCode.split('.');
    if (level === 'province') return this.catalog.unit(ref, parts[0] as string);
    if (parts.length < 2) return undefined;
    return this.catalog.unit(ref, parts.slice(0, 2).join('.'));
  }

  private describeRef(ref: string): string {
    const [level, template] = ref.split(':');
    if (template === undefined) return this.catalog.get(ref)?.name ?? ref;
    return `the ${level}'s ${template === 'pemda' ? 'government' : template}`;
  }

  /** Every unit a route names must exist, so a typo in the table fails at start, not on a citizen's report. */
  private checkRoutes(): void {
    if (!this.config.routes[FALLBACK_CATEGORY]) throw new Error(`config/agencies.json: routes must include "${FALLBACK_CATEGORY}"`);
    const templates = new Set([
      ...Object.keys(this.config.regional.province).map((t) => `province:${t}`),
      ...Object.keys(this.config.regional.regency).map((t) => `regency:${t}`),
    ]);
    for (const [category, rule] of Object.entries(this.config.routes)) {
      const refs = [rule.agency, rule.provinceFallback, rule.withoutRegion, ...rule.keywords.map((k) => k.agency)];
      for (const ref of refs) {
        if (ref === undefined) continue;
        if (ref.includes(':') ? !templates.has(ref) : !this.catalog.get(ref)) {
          throw new Error(`config/agencies.json: route "${category}" names unknown unit ${ref}`);
        }
      }
    }
  }
}

function matchKeyword(rule: RouteConfig, text: string): { word: string; agency: string } | null {
  const padded = ` ${text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;
  for (const keyword of rule.keywords) {
    const word = keyword.words.find((w) => padded.includes(` ${w.toLowerCase()} `));
    if (word) return { word, agency: keyword.agency };
  }
  return null;
}

import { html, type SafeHtml } from '../http/html';

/** The agencies an operator can forward to: config/agencies through the parser's AgencyRouter. */
export interface AgencyInfo {
  id: string;
  name: string;
  level?: string;
  /** Kemendagri code of the province or regency the unit serves; none for national units. */
  regionCode?: string;
}

export interface AgencyDirectory {
  list(): readonly AgencyInfo[];
  get(id: string): AgencyInfo | null | undefined;
}

/** How an agency id reads on a page: its name when known. */
export function agencyName(agencies: AgencyDirectory, id: string | null): string | null {
  if (id === null) return null;
  return agencies.get(id)?.name ?? id;
}

/**
 * The agencies worth offering for a place: national units and the units of the province and
 * regency the region code lies in, plus the current one. There are about 1,600 units in all, too
 * many for one list on every page; any other id can still be typed and is checked on submit.
 */
export function agencyChoices(agencies: AgencyDirectory, regionCode: string | null, current: string | null): AgencyInfo[] {
  const region = regionCode ?? '';
  const picked = agencies
    .list()
    .filter((a) => a.regionCode === undefined || (region !== '' && (region === a.regionCode || region.startsWith(`${a.regionCode}.`))));
  const cur = current ? agencies.get(current) : null;
  return cur && !picked.some((a) => a.id === cur.id) ? [cur, ...picked] : picked;
}

/** A text field for an agency id with the given choices as suggestions (a datalist). */
export function agencyField(attrs: { id: string; name: string; value: string; required: boolean }, choices: readonly AgencyInfo[]): SafeHtml {
  const listId = `${attrs.id}-list`;
  return html`<input type="text" id="${attrs.id}" name="${attrs.name}" list="${listId}" maxlength="120" autocomplete="off" spellcheck="false" value="${attrs.value}"${attrs.required ? html` required` : ''}>
    <datalist id="${listId}">${choices.map((a) => html`<option value="${a.id}">${a.name}</option>`)}</datalist>`;
}

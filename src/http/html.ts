/**
 * The one way this project builds HTML. Every interpolated value is escaped unless it is already
 * SafeHtml, so markup from users can only reach a page through an explicit `raw()` call that a
 * reviewer can grep for.
 *
 * Escaping covers element content and quoted attribute values. It cannot make an unquoted attribute
 * or a `javascript:` URL safe, so templates always quote attributes and build URLs themselves.
 */

/** Markup that is already safe to emit as it is. Only `html` and `raw()` create it. */
export class SafeHtml {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  toString(): string {
    return this.#value;
  }
}

/**
 * What a template accepts. `false`, `null` and `undefined` render as nothing so that
 * `${cond && html`…`}` and optional values read naturally; `true` is left out on purpose because
 * printing "true" into a page is always a mistake.
 */
export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // A backtick closes attribute values in some old Internet Explorer versions.
  '`': '&#96;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/** Marks trusted markup as safe. Never pass anything that came from a request. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function isList(value: HtmlValue): value is readonly HtmlValue[] {
  return Array.isArray(value);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === false || value === null || value === undefined) return '';
  if (isList(value)) return value.map(render).join('');
  // String() rather than trusting the static type: anything else that slips in is still escaped.
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

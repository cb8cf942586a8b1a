import { html, raw, type SafeHtml } from '../../src/http/html';
import type { Privacy } from '../../src/message/inboundMessage';
import {
  EARLIEST_INCIDENT_DATE,
  ISI_MAX,
  latestIncidentDate,
  WEB_CATEGORIES,
  WEB_FORM_FIELDS,
  type WebFormErrors,
  type WebFormField,
  type WebFormValues,
  type WebLang,
} from './formSchema';
import { CSS, WEB_CSP } from './styles';
import { TEXTS, type Texts } from './texts';

export { WEB_CSP };

/*
 * Server-rendered pages for citizens on the web channel. Many reach them on a cheap phone over a
 * slow connection, some with a screen reader: the pages need no JavaScript and no other request,
 * and follow the GOV.UK form patterns (error summary, message beside the field, hints tied with
 * aria-describedby).
 */

const DATE_FORMATS: Record<WebLang, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', dateStyle: 'long', timeStyle: 'short' }),
};

/** "17 Maret 2024 pukul 10.00 WIB": Jakarta time, named, because readers live in three time zones. */
export function formatWib(date: Date, lang: WebLang): string {
  return `${DATE_FORMATS[lang].format(date)} ${TEXTS[lang].timeZone}`;
}

function time(date: Date, lang: WebLang): SafeHtml {
  return html`<time datetime="${date.toISOString()}">${formatWib(date, lang)}</time>`;
}

/** Digits in groups of four ("1234 5678 90"), which people copy and read aloud without losing their place. */
export function formatTrackingId(trackingId: string): string {
  return /^\d+$/.test(trackingId) ? (trackingId.match(/\d{1,4}/g) ?? []).join(' ') : trackingId;
}

/**
 * `path` with `lang` set, keeping the other query parameters. Only a same-site path comes out, so a
 * crafted request URL cannot turn the language link into a link to another site.
 */
export function pathWithLang(path: string, lang: WebLang): string {
  let url: URL;
  try {
    url = new URL(path, 'http://localhost');
  } catch {
    url = new URL('/lapor', 'http://localhost');
  }
  url.searchParams.set('lang', lang);
  return url.pathname.replace(/^\/+/, '/') + url.search;
}

function otherLang(lang: WebLang): WebLang {
  return lang === 'id' ? 'en' : 'id';
}

interface PageOptions {
  lang: WebLang;
  title: string;
  hasErrors?: boolean;
  /** The page's own address, for the language link. */
  path: string;
  /** Pages that show a tracking number must not end up in search engines. */
  noindex?: boolean;
  body: SafeHtml;
}

function page(o: PageOptions): string {
  const t = TEXTS[o.lang];
  const other = otherLang(o.lang);
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.noindex && html`<meta name="robots" content="noindex">`}
<title>${o.hasErrors && t.errorTitlePrefix}${o.title} – ${t.brand}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<a class="skip-link" href="#main">${t.skipLink}</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="${pathWithLang('/lapor', o.lang)}">${t.brand}<span class="visually-hidden"> – ${t.brandLong}</span></a>
<a href="${pathWithLang(o.path, other)}" hreflang="${other}" lang="${other}">${t.otherLang}</a>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${o.body}
</main>
<footer class="wrap">
<p>${t.brand} – ${t.brandLong}. ${t.emergency}</p>
</footer>
</body>
</html>
`.toString();
}

type AttrValue = string | number | boolean | undefined;

/** Attribute names come from this file only; values are escaped. `true` writes a bare attribute, false/undefined none. */
function attrs(list: Readonly<Record<string, AttrValue>>): SafeHtml {
  return html`${Object.entries(list).map(([name, value]) =>
    value === undefined || value === false ? '' : value === true ? html` ${name}` : html` ${name}="${value}"`,
  )}`;
}

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => typeof id === 'string');
  return list.length > 0 ? list.join(' ') : undefined;
}

interface SummaryItem {
  message: string;
  /** The element to jump to; none when the problem is not in a field the user can see. */
  target?: string;
}

function errorSummary(t: Texts, items: readonly SummaryItem[]): SafeHtml | false {
  if (items.length === 0) return false;
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t.errorSummaryTitle}</h2>
<ul>
${items.map((i) => html`<li>${i.target ? html`<a href="#${i.target}">${i.message}</a>` : i.message}</li>\n`)}</ul>
</div>`;
}

function errorMessage(t: Texts, id: string, message: string): SafeHtml {
  return html`<p class="error-message" id="${id}"><span class="visually-hidden">${t.errorPrefix} </span>${message}</p>`;
}

interface FieldSpec {
  /** The element's id and, for form controls, its name. */
  id: string;
  label: string;
  hint?: string;
  required?: boolean;
  error?: string;
  control: (aria: Readonly<Record<string, AttrValue>>) => SafeHtml;
}

/** Label, hint, error and control, in the order a screen reader and a sighted user meet them. */
function field(t: Texts, f: FieldSpec): SafeHtml {
  const hintId = f.hint !== undefined && `${f.id}-hint`;
  const errorId = f.error !== undefined && `${f.id}-error`;
  const aria = {
    'aria-describedby': describedBy(hintId, errorId),
    'aria-invalid': f.error !== undefined && 'true',
  };
  return html`<div class="field${f.error !== undefined && ' field-error'}">
<label for="${f.id}">${f.label}${f.required && html` <span class="marker">${t.required}</span>`}</label>
${hintId && html`<p class="hint" id="${hintId}">${f.hint}</p>`}
${errorId && f.error !== undefined && errorMessage(t, errorId, f.error)}
${f.control(aria)}
</div>
`;
}

// ——— Report form ———

export interface ReportFormView {
  lang: WebLang;
  /** A fresh UUID for a new form; the submitted one when showing errors, unless the nonce itself was the error. */
  nonce: string;
  values?: WebFormValues;
  errors?: WebFormErrors;
  /** The page's own path and query (e.g. req.originalUrl), for the language link. Defaults to /lapor. */
  path?: string;
  /** The current time, for the date picker's latest day. */
  now?: Date;
}

const PRIVACY_CHOICES: readonly Privacy[] = ['public', 'anonim', 'rahasia'];

function formErrorTarget(f: WebFormField): string | undefined {
  if (f === 'privasi') return 'privasi-public';
  // Hidden fields: there is nothing to jump to, the message alone says what to do.
  if (f === 'nonce' || f === 'lang' || f === 'website') return undefined;
  return f;
}

function privacyFieldset(t: Texts, selected: string, error: string | undefined): SafeHtml {
  const errorId = error !== undefined && 'privasi-error';
  return html`<fieldset class="field${error !== undefined && ' field-error'}" aria-describedby="${describedBy('privasi-hint', errorId)}">
<legend>${t.privasiLegend}</legend>
<p class="hint" id="privasi-hint">${t.privasiHint}</p>
${errorId && error !== undefined && errorMessage(t, errorId, error)}
${PRIVACY_CHOICES.map(
  (p) => html`<div class="radio">
<input${attrs({
    type: 'radio',
    id: `privasi-${p}`,
    name: 'privasi',
    value: p,
    checked: selected === p,
    'aria-describedby': describedBy(`privasi-${p}-hint`, errorId),
    'aria-invalid': error !== undefined && 'true',
  })}>
<div><label for="privasi-${p}">${t.privacy[p].label}</label>
<p class="hint" id="privasi-${p}-hint">${t.privacy[p].hint}</p></div>
</div>
`,
)}</fieldset>
`;
}

export function renderReportForm(view: ReportFormView): string {
  const { lang } = view;
  const t = TEXTS[lang];
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const value = (f: WebFormField): string => values[f] ?? '';
  // WEB_FORM_FIELDS is in the order the form shows its fields, so the summary follows the page.
  const summary = WEB_FORM_FIELDS.flatMap((f): SummaryItem[] => {
    const message = errors[f];
    return message === undefined ? [] : [{ message, target: formErrorTarget(f) }];
  });

  /*
   * novalidate: the server checks every field and answers in the page's language, where browser
   * bubbles would speak the browser's. The honeypot div is for bots, which fill every field; it is
   * always rendered empty so a person sent back to fix an error can never trip it.
   */
  const body = html`${errorSummary(t, summary)}
<h1>${t.formTitle}</h1>
<p>${t.formIntro}</p>
<p>${t.emergency}</p>
<p>${t.formRequiredNote}</p>
<form method="post" action="${pathWithLang('/lapor', lang)}" novalidate accept-charset="utf-8">
<input type="hidden" name="nonce" value="${view.nonce}">
<input type="hidden" name="lang" value="${lang}">
<h2>${t.reportSection}</h2>
${field(t, {
  id: 'judul',
  label: t.judul,
  hint: t.judulHint,
  error: errors.judul,
  control: (aria) =>
    html`<input${attrs({ class: 'input', type: 'text', id: 'judul', name: 'judul', value: value('judul'), maxlength: 200, ...aria })}>`,
})}
${field(t, {
  id: 'isi',
  label: t.isi,
  hint: t.isiHint,
  required: true,
  error: errors.isi,
  // The newline after the tag is eaten by the HTML parser, so a value that starts with one keeps it.
  control: (aria) =>
    html`<textarea${attrs({ id: 'isi', name: 'isi', rows: 8, maxlength: ISI_MAX, required: true, ...aria })}>
${value('isi')}</textarea>`,
})}
${field(t, {
  id: 'lokasi',
  label: t.lokasi,
  hint: t.lokasiHint,
  error: errors.lokasi,
  control: (aria) =>
    html`<input${attrs({ class: 'input', type: 'text', id: 'lokasi', name: 'lokasi', value: value('lokasi'), maxlength: 500, ...aria })}>`,
})}
${field(t, {
  id: 'tanggal',
  label: t.tanggal,
  hint: t.tanggalHint,
  error: errors.tanggal,
  control: (aria) =>
    html`<input${attrs({
      class: 'input',
      type: 'date',
      id: 'tanggal',
      name: 'tanggal',
      value: value('tanggal'),
      min: EARLIEST_INCIDENT_DATE,
      max: latestIncidentDate(view.now ?? new Date()),
      ...aria,
    })}>`,
})}
${field(t, {
  id: 'kategori',
  label: t.kategori,
  hint: t.kategoriHint,
  error: errors.kategori,
  control: (aria) => html`<select${attrs({ id: 'kategori', name: 'kategori', ...aria })}>
<option value="">${t.kategoriNone}</option>
${WEB_CATEGORIES.map(
  (c) => html`<option${attrs({ value: c.code, selected: value('kategori') === c.code })}>${c[lang]}</option>\n`,
)}</select>`,
})}
${privacyFieldset(t, values.privasi ?? 'public', errors.privasi)}
<h2>${t.identitySection}</h2>
<p>${t.identityHint}</p>
${field(t, {
  id: 'nama',
  label: t.nama,
  error: errors.nama,
  control: (aria) =>
    html`<input${attrs({ class: 'input', type: 'text', id: 'nama', name: 'nama', value: value('nama'), maxlength: 200, autocomplete: 'name', ...aria })}>`,
})}
${field(t, {
  id: 'telepon',
  label: t.telepon,
  hint: t.teleponHint,
  error: errors.telepon,
  control: (aria) =>
    html`<input${attrs({ class: 'input', type: 'tel', id: 'telepon', name: 'telepon', value: value('telepon'), autocomplete: 'tel', inputmode: 'tel', ...aria })}>`,
})}
${field(t, {
  id: 'email',
  label: t.email,
  error: errors.email,
  control: (aria) =>
    html`<input${attrs({ class: 'input', type: 'email', id: 'email', name: 'email', value: value('email'), autocomplete: 'email', spellcheck: 'false', ...aria })}>`,
})}
<div class="hp" aria-hidden="true">
<label for="website">${t.honeypot}</label>
<input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">
</div>
<button type="submit" class="button">${t.submit}</button>
</form>
`;
  return page({ lang, title: t.formTitle, hasErrors: summary.length > 0, path: view.path ?? '/lapor', body });
}

// ——— Confirmation ———

export interface ConfirmationView {
  lang: WebLang;
  trackingId: string;
  /** The report's access token (src/intake/reportAccess): only it opens the text and replies. */
  accessToken: string;
  privacy: Privacy;
  /** Defaults to the status page for this report, the nearest page that exists at a GET address. */
  path?: string;
}

function statusHref(lang: WebLang, trackingId?: string, accessToken?: string): string {
  const query = new URLSearchParams();
  if (trackingId !== undefined) query.set('nomor', trackingId);
  if (accessToken !== undefined) query.set('token', accessToken);
  query.set('lang', lang);
  return `/lapor/status?${query.toString()}`;
}

export function renderConfirmation(view: ConfirmationView): string {
  const { lang, trackingId } = view;
  const t = TEXTS[lang];
  const body = html`<div class="panel">
<h1>${t.confirmTitle}</h1>
<p>${t.confirmNumberIntro}</p>
<p class="tracking">${formatTrackingId(trackingId)}</p>
<p>${t.confirmPlain} <strong>${trackingId}</strong></p>
<p>${t.confirmAccessIntro}</p>
<p class="access-code"><code>${view.accessToken}</code></p>
</div>
<h2>${t.confirmKeepTitle}</h2>
<p>${t.confirmKeep}</p>
<h2>${t.confirmNextTitle}</h2>
<p>${t.privacy[view.privacy].confirmation}</p>
<p>${t.confirmNext}</p>
<p><a href="${statusHref(lang, trackingId, view.accessToken)}">${t.confirmCheck}</a></p>
<p>${t.confirmCheckHow}</p>
<p><a href="${pathWithLang('/lapor', lang)}">${t.anotherReport}</a></p>
`;
  return page({
    lang,
    title: t.confirmTitle,
    path: view.path ?? statusHref(lang, trackingId),
    noindex: true,
    body,
  });
}

// ——— Status lookup ———

/** What anyone with the number sees: the status label and nothing else. */
export interface StatusLabelOnly {
  trackingId: string;
  /** Already in the page's language. */
  statusLabel: string;
}

/** What the holder of the report's access token sees. */
export interface StatusLookupResult extends StatusLabelOnly {
  receivedAt: Date;
  updatedAt: Date;
  /** Received but not yet processed into a ticket. */
  processing: boolean;
  history: readonly { statusLabel: string; at: Date }[];
  replies: readonly { text: string; at: Date }[];
  /** Only for public reports; the caller leaves it out for anonim and rahasia ones. */
  content?: { title: string; text: string };
}

/** A known problem, worded by the page; or a message the caller already wrote in the page's language. */
export type StatusLookupError = 'not_found' | 'invalid' | { message: string };

export interface StatusLookupView {
  lang: WebLang;
  /** What the user typed into the number field. */
  query?: string;
  /** The access code given with the number, re-shown only when the lookup failed. */
  token?: string;
  error?: StatusLookupError;
  result?: StatusLookupResult | StatusLabelOnly;
  /** Defaults to /lapor/status with the query. */
  path?: string;
}

function lookupErrorText(t: Texts, error: StatusLookupError): string {
  if (error === 'not_found') return t.statusNotFound;
  if (error === 'invalid') return t.statusInvalid;
  return error.message;
}

/** A report sent without a title is given its first sentence as one; showing that too would say it twice. */
function showsOwnTitle(content: { title: string; text: string }): boolean {
  const title = content.title.replace(/…$/, '').trim();
  return title !== '' && !content.text.startsWith(title);
}

function isFull(r: StatusLookupResult | StatusLabelOnly): r is StatusLookupResult {
  return 'history' in r;
}

function labelOnly(t: Texts, r: StatusLabelOnly): SafeHtml {
  return html`<section aria-labelledby="result-title">
<h2 id="result-title">${t.resultTitle} ${formatTrackingId(r.trackingId)}</h2>
<dl>
<dt>${t.resultStatus}</dt><dd><strong>${r.statusLabel}</strong></dd>
</dl>
<p class="notice">${t.resultLimited}</p>
</section>
`;
}

function statusResult(t: Texts, lang: WebLang, r: StatusLookupResult | StatusLabelOnly): SafeHtml {
  if (!isFull(r)) return labelOnly(t, r);
  return html`<section aria-labelledby="result-title">
<h2 id="result-title">${t.resultTitle} ${formatTrackingId(r.trackingId)}</h2>
<dl>
<dt>${t.resultStatus}</dt><dd><strong>${r.statusLabel}</strong></dd>
<dt>${t.resultReceived}</dt><dd>${time(r.receivedAt, lang)}</dd>
<dt>${t.resultUpdated}</dt><dd>${time(r.updatedAt, lang)}</dd>
</dl>
${r.processing && html`<p class="notice">${t.resultProcessing}</p>`}
${r.history.length > 0 &&
html`<h3>${t.resultHistory}</h3>
<ol class="list">
${r.history.map((h) => html`<li><strong>${h.statusLabel}</strong><br><span class="meta">${time(h.at, lang)}</span></li>\n`)}</ol>`}
<h3>${t.resultReplies}</h3>
${r.replies.length === 0
  ? html`<p>${t.resultNoReplies}</p>`
  : html`<ol class="list">
${r.replies.map((rep) => html`<li><p class="reply-text">${rep.text}</p><p class="meta">${time(rep.at, lang)}</p></li>\n`)}</ol>`}
${r.content &&
html`<h3>${t.resultContent}</h3>
${showsOwnTitle(r.content) && html`<p><strong>${r.content.title}</strong></p>`}
<p class="report-text">${r.content.text}</p>`}
</section>
`;
}

export function renderStatusLookup(view: StatusLookupView): string {
  const { lang, result } = view;
  const t = TEXTS[lang];
  const error = view.error === undefined ? undefined : lookupErrorText(t, view.error);
  const defaultPath = view.query ? `/lapor/status?${new URLSearchParams({ nomor: view.query }).toString()}` : '/lapor/status';
  const body = html`${error !== undefined && errorSummary(t, [{ message: error, target: 'nomor' }])}
<h1>${t.statusTitle}</h1>
${result && statusResult(t, lang, result)}
${result ? html`<h2>${t.statusAnother}</h2>` : html`<p>${t.statusIntro}</p>`}
<form method="get" action="/lapor/status" novalidate>
<input type="hidden" name="lang" value="${lang}">
${field(t, {
  id: 'nomor',
  label: t.nomor,
  hint: t.nomorHint,
  required: true,
  error,
  control: (aria) =>
    html`<input${attrs({
      class: 'input',
      type: 'text',
      id: 'nomor',
      name: 'nomor',
      // After a successful lookup the field is for another number, so it starts empty.
      value: result ? '' : (view.query ?? ''),
      autocomplete: 'off',
      spellcheck: 'false',
      required: true,
      ...aria,
    })}>`,
})}
${field(t, {
  id: 'token',
  label: t.accessCode,
  hint: t.accessCodeHint,
  control: (aria) =>
    html`<input${attrs({
      class: 'input',
      type: 'text',
      id: 'token',
      name: 'token',
      value: result ? '' : (view.token ?? ''),
      autocomplete: 'off',
      spellcheck: 'false',
      ...aria,
    })}>`,
})}
<button type="submit" class="button">${t.statusSubmit}</button>
</form>
<p><a href="${pathWithLang('/lapor', lang)}">${t.anotherReport}</a></p>
`;
  return page({ lang, title: t.statusTitle, hasErrors: error !== undefined, path: view.path ?? defaultPath, noindex: true, body });
}

// ——— Error pages ———

export interface ErrorPageView {
  lang: WebLang;
  /** HTTP status, 4xx or 5xx. */
  status: number;
  /** A sentence for this case, already in the page's language, shown after the standard wording. */
  message?: string;
  /** From the Retry-After header the route sends with 429 and 503. */
  retryAfterSeconds?: number;
  /** Defaults to /lapor. */
  path?: string;
}

type ErrorPageKey = keyof Texts['errorPages'];

function errorPageKey(status: number): ErrorPageKey {
  if (status === 400 || status === 403 || status === 404 || status === 413 || status === 429 || status === 500 || status === 503) {
    return status;
  }
  return status >= 500 ? 500 : 400;
}

export function renderErrorPage(view: ErrorPageView): string {
  const { lang, status } = view;
  const t = TEXTS[lang];
  const wording = t.errorPages[errorPageKey(status)];
  const retry = view.retryAfterSeconds;
  const body = html`<h1>${wording.title}</h1>
<p>${wording.text}</p>
${view.message !== undefined && html`<p>${view.message}</p>`}
${retry !== undefined && Number.isFinite(retry) && retry > 0 && html`<p>${t.retryAfter(Math.ceil(retry))}</p>`}
<p class="meta">${t.errorCode} ${status}</p>
<p><a href="${pathWithLang('/lapor', lang)}">${t.backToForm}</a></p>
<p><a href="${statusHref(lang)}">${t.statusTitle}</a></p>
`;
  return page({ lang, title: wording.title, path: view.path ?? '/lapor', noindex: true, body });
}

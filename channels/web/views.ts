import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from '../../src/http/html';
import type { Privacy } from '../../src/message/inboundMessage';
import {
  EARLIEST_INCIDENT_DATE,
  ISI_MAX,
  ISI_MIN,
  latestIncidentDate,
  WEB_CATEGORIES,
  type WebFormErrors,
  type WebFormField,
  type WebFormValues,
  type WebLang,
} from './formSchema';

/*
 * Server-rendered pages for citizens on the web channel. Many reach them on a cheap phone over a
 * slow connection, some with a screen reader: the pages need no JavaScript and no other request,
 * and follow the GOV.UK form patterns (error summary, message beside the field, hints tied with
 * aria-describedby).
 */

const ID = {
  brand: 'LAPOR!',
  brandLong: 'Layanan Aspirasi dan Pengaduan Online Rakyat',
  otherLang: 'English',
  skipLink: 'Langsung ke konten utama',
  errorTitlePrefix: 'Kesalahan: ',
  errorPrefix: 'Kesalahan:',
  errorSummaryTitle: 'Ada yang perlu diperbaiki',
  required: '(wajib)',
  emergency: 'Dalam keadaan darurat, hubungi 112.',
  formTitle: 'Sampaikan laporan',
  formIntro: 'Laporkan masalah pelayanan publik. Kami akan meneruskannya ke instansi yang berwenang.',
  formRequiredNote: 'Kolom bertanda (wajib) harus diisi. Kolom lain boleh dikosongkan.',
  reportSection: 'Laporan Anda',
  judul: 'Judul laporan',
  judulHint: 'Ringkas, misalnya “Lampu jalan mati di Jl. Merdeka”.',
  isi: 'Isi laporan',
  isiHint: `Ceritakan apa yang terjadi, di mana, dan sejak kapan. Minimal ${ISI_MIN}, maksimal ${ISI_MAX} karakter.`,
  lokasi: 'Lokasi kejadian',
  lokasiHint: 'Alamat atau patokan, kelurahan/desa, dan kota/kabupaten.',
  tanggal: 'Tanggal kejadian',
  tanggalHint: 'Contoh: 2024-03-17 (tahun-bulan-tanggal). Kosongkan jika tidak tahu.',
  kategori: 'Kategori',
  kategoriHint: 'Kosongkan jika ragu; petugas kami akan memilihkannya.',
  kategoriNone: 'Pilih kategori',
  privasiLegend: 'Siapa yang boleh melihat laporan ini?',
  privasiHint: 'Anda bisa memilih agar identitas atau isi laporan tidak ditampilkan.',
  identitySection: 'Data diri',
  identityHint: 'Agar petugas dapat menghubungi Anda bila perlu. Semua boleh dikosongkan.',
  nama: 'Nama',
  telepon: 'Nomor HP',
  teleponHint: 'Contoh: 0812 3456 7890.',
  email: 'Email',
  honeypot: 'Kosongkan kolom ini',
  submit: 'Kirim laporan',
  privacy: {
    public: {
      label: 'Publik',
      hint: 'Isi laporan dan nama Anda dapat dilihat oleh publik.',
      confirmation: 'Laporan Anda bersifat publik: isi laporan dan nama Anda dapat dilihat oleh publik.',
    },
    anonim: {
      label: 'Anonim',
      hint: 'Isi laporan dapat dilihat publik, tetapi identitas Anda disembunyikan, juga dari instansi yang dilaporkan.',
      confirmation: 'Laporan Anda anonim: identitas Anda disembunyikan dari publik dan dari instansi yang dilaporkan.',
    },
    rahasia: {
      label: 'Rahasia',
      hint: 'Isi laporan tidak ditampilkan untuk publik; hanya petugas yang menanganinya yang dapat membacanya.',
      confirmation: 'Laporan Anda rahasia: isinya tidak ditampilkan untuk publik.',
    },
  } satisfies Record<Privacy, { label: string; hint: string; confirmation: string }>,
  confirmTitle: 'Laporan Anda sudah kami terima',
  confirmNumberIntro: 'Nomor laporan Anda:',
  confirmPlain: 'Tanpa spasi:',
  confirmKeepTitle: 'Simpan nomor ini',
  confirmKeep: 'Catat atau foto nomor laporan ini. Anda memerlukannya untuk mengecek perkembangan laporan.',
  confirmNextTitle: 'Apa selanjutnya',
  confirmNext: 'Petugas akan memverifikasi laporan Anda, lalu meneruskannya ke instansi yang berwenang.',
  confirmCheck: 'Cek status laporan ini',
  confirmCheckHow: 'Kapan saja, buka halaman Cek status laporan dan masukkan nomor di atas.',
  anotherReport: 'Kirim laporan lain',
  statusTitle: 'Cek status laporan',
  statusIntro: 'Masukkan nomor laporan yang Anda terima saat mengirim laporan.',
  nomor: 'Nomor laporan',
  nomorHint: 'Contoh: 1234 5678 90. Spasi boleh ditulis atau tidak.',
  statusSubmit: 'Cek status',
  statusAnother: 'Cek nomor lain',
  statusNotFound: 'Nomor laporan tidak ditemukan. Periksa kembali nomornya.',
  statusInvalid: 'Tulis nomor laporan seperti yang tertera saat Anda mengirim laporan, misalnya 1234 5678 90.',
  resultTitle: 'Laporan',
  resultStatus: 'Status',
  resultReceived: 'Diterima',
  resultUpdated: 'Terakhir diperbarui',
  resultProcessing:
    'Laporan Anda sudah kami terima dan sedang menunggu diproses. Perkembangannya akan muncul di halaman ini.',
  resultHistory: 'Riwayat status',
  resultReplies: 'Tanggapan',
  resultNoReplies: 'Belum ada tanggapan.',
  resultContent: 'Isi laporan',
  errorCode: 'Kode kesalahan:',
  backToForm: 'Kembali ke formulir laporan',
  retryAfter: (seconds: number): string =>
    seconds < 90 ? `Coba lagi dalam ${seconds} detik.` : `Coba lagi dalam ${Math.ceil(seconds / 60)} menit.`,
  errorPages: {
    400: {
      title: 'Permintaan tidak dapat diproses',
      text: 'Permintaan Anda tidak lengkap atau tidak valid. Kembali ke halaman sebelumnya dan coba lagi.',
    },
    403: { title: 'Akses ditolak', text: 'Anda tidak memiliki akses ke halaman ini.' },
    404: { title: 'Halaman tidak ditemukan', text: 'Periksa kembali alamat halaman yang Anda buka.' },
    413: { title: 'Kiriman terlalu besar', text: 'Perpendek isi laporan Anda, lalu kirim lagi.' },
    429: {
      title: 'Terlalu banyak permintaan',
      text: 'Anda mengirim terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.',
    },
    500: {
      title: 'Terjadi kesalahan pada sistem kami',
      text: 'Maaf, permintaan Anda gagal kami proses. Silakan coba lagi nanti.',
    },
    503: {
      title: 'Layanan sedang sibuk',
      text: 'Layanan untuk sementara tidak dapat digunakan. Silakan coba lagi beberapa saat lagi.',
    },
  },
  timeZone: 'WIB',
};

type Texts = typeof ID;

const EN: Texts = {
  brand: 'LAPOR!',
  brandLong: 'Indonesian public service complaints',
  otherLang: 'Bahasa Indonesia',
  skipLink: 'Skip to main content',
  errorTitlePrefix: 'Error: ',
  errorPrefix: 'Error:',
  errorSummaryTitle: 'There is a problem',
  required: '(required)',
  emergency: 'In an emergency, call 112.',
  formTitle: 'Send a report',
  formIntro: 'Report a problem with a public service. We will pass it on to the agency responsible.',
  formRequiredNote: 'Fields marked (required) must be filled in. You can leave the others empty.',
  reportSection: 'Your report',
  judul: 'Title',
  judulHint: 'Short, for example “Street light out on Jl. Merdeka”.',
  isi: 'What happened',
  isiHint: `Describe what happened, where, and since when. At least ${ISI_MIN} and at most ${ISI_MAX} characters.`,
  lokasi: 'Location',
  lokasiHint: 'Address or landmark, village or ward, and city or regency.',
  tanggal: 'Date of the incident',
  tanggalHint: 'For example 2024-03-17 (year-month-day). Leave empty if you do not know.',
  kategori: 'Category',
  kategoriHint: 'Leave empty if unsure; our officers will choose one.',
  kategoriNone: 'Choose a category',
  privasiLegend: 'Who may see this report?',
  privasiHint: 'You can choose to hide your identity or the content of your report.',
  identitySection: 'About you',
  identityHint: 'So that officers can contact you if needed. All of these are optional.',
  nama: 'Name',
  telepon: 'Mobile number',
  teleponHint: 'For example 0812 3456 7890.',
  email: 'Email',
  honeypot: 'Leave this field empty',
  submit: 'Send report',
  privacy: {
    public: {
      label: 'Public',
      hint: 'Anyone can see your report and your name.',
      confirmation: 'Your report is public: anyone can see it and your name.',
    },
    anonim: {
      label: 'Anonymous',
      hint: 'Your report can be seen publicly, but your identity is hidden, including from the agency you report.',
      confirmation: 'Your report is anonymous: your identity is hidden from the public and from the agency you report.',
    },
    rahasia: {
      label: 'Confidential',
      hint: 'Your report is not shown publicly; only the officers who handle it can read it.',
      confirmation: 'Your report is confidential: its content is not shown publicly.',
    },
  },
  confirmTitle: 'We have received your report',
  confirmNumberIntro: 'Your report number:',
  confirmPlain: 'Without spaces:',
  confirmKeepTitle: 'Keep this number',
  confirmKeep: 'Write down or take a photo of this number. You need it to check on your report.',
  confirmNextTitle: 'What happens next',
  confirmNext: 'Officers will verify your report and then pass it on to the agency responsible.',
  confirmCheck: 'Check the status of this report',
  confirmCheckHow: 'At any time, open the Check report status page and enter the number above.',
  anotherReport: 'Send another report',
  statusTitle: 'Check report status',
  statusIntro: 'Enter the report number you received when you sent your report.',
  nomor: 'Report number',
  nomorHint: 'For example 1234 5678 90, with or without spaces.',
  statusSubmit: 'Check status',
  statusAnother: 'Check another number',
  statusNotFound: 'We could not find that report number. Check it and try again.',
  statusInvalid: 'Enter the report number as you received it, for example 1234 5678 90.',
  resultTitle: 'Report',
  resultStatus: 'Status',
  resultReceived: 'Received',
  resultUpdated: 'Last updated',
  resultProcessing: 'We have received your report and it is waiting to be processed. Progress will appear on this page.',
  resultHistory: 'Status history',
  resultReplies: 'Responses',
  resultNoReplies: 'No responses yet.',
  resultContent: 'Report',
  errorCode: 'Error code:',
  backToForm: 'Back to the report form',
  retryAfter: (seconds: number): string =>
    seconds < 90
      ? `Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
      : `Try again in ${Math.ceil(seconds / 60)} minutes.`,
  errorPages: {
    400: {
      title: 'We could not process this request',
      text: 'Your request was incomplete or not valid. Go back to the previous page and try again.',
    },
    403: { title: 'Access denied', text: 'You do not have access to this page.' },
    404: { title: 'Page not found', text: 'Check the address of the page you opened.' },
    413: { title: 'What you sent is too large', text: 'Shorten your report and send it again.' },
    429: {
      title: 'Too many requests',
      text: 'You sent too many requests in a short time. Wait a moment, then try again.',
    },
    500: {
      title: 'Something went wrong on our side',
      text: 'Sorry, we could not process your request. Please try again later.',
    },
    503: {
      title: 'Service temporarily unavailable',
      text: 'The service cannot be used right now. Please try again in a few moments.',
    },
  },
  timeZone: 'WIB',
};

const TEXTS: Record<WebLang, Texts> = { id: ID, en: EN };

/*
 * Tap targets are at least 48 px, focus is a black ring with a yellow halo (visible on white and on
 * the red header alike), and every colour pair meets WCAG AA contrast for normal text.
 */
const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;font-size:1.125rem;line-height:1.5;color:#0b0c0c;background:#fff}
.wrap{max-width:40rem;margin:0 auto;padding:0 1rem}
a{color:#0b57d0;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.15em}
a:hover{text-decoration-thickness:.2rem}
:focus-visible{outline:3px solid #0b0c0c;outline-offset:0;box-shadow:0 0 0 6px #ffdd00}
.skip-link{position:absolute;left:-10000px;top:0;padding:.75rem 1rem;background:#ffdd00;color:#0b0c0c;z-index:10}
.skip-link:focus{left:0}
.site-header{background:#a4161a;color:#fff}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem;padding-top:.25rem;padding-bottom:.25rem}
.site-header a{color:#fff;display:inline-block;padding:.75rem 0;min-height:3rem}
.brand{font-weight:800;font-size:1.375rem;text-decoration:none}
main{display:block;padding-top:1rem;padding-bottom:2rem}
main:focus{outline:none}
h1{font-size:1.875rem;line-height:1.2;margin:1rem 0}
h2{font-size:1.375rem;line-height:1.25;margin:2rem 0 .75rem}
h3{font-size:1.125rem;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem}
.field{margin:0 0 1.75rem}
.field-error{border-left:5px solid #b3261e;padding-left:.75rem}
label,.label{display:block;font-weight:700;margin:0 0 .25rem}
.marker{font-weight:400}
.hint{display:block;color:#505a5f;margin:0 0 .5rem}
.error-message{display:block;color:#b3261e;font-weight:700;margin:0 0 .5rem}
.input,select,textarea{display:block;width:100%;min-height:3rem;padding:.5rem .625rem;font:inherit;color:#0b0c0c;background:#fff;border:2px solid #0b0c0c;border-radius:0}
textarea{min-height:10rem;resize:vertical}
.input[aria-invalid="true"],textarea[aria-invalid="true"],select[aria-invalid="true"]{border:3px solid #b3261e}
fieldset{border:0;margin:0 0 1.75rem;padding:0;min-width:0}
legend{font-weight:700;font-size:1.25rem;padding:0;margin:0 0 .5rem}
.radio{display:flex;align-items:flex-start;gap:.75rem;padding:.5rem 0}
.radio input{flex:none;width:2rem;height:2rem;margin:0;accent-color:#0b0c0c}
.radio label{margin:0;padding:.125rem 0;min-height:2rem}
.radio .hint{margin:0}
.button{display:block;width:100%;min-height:3rem;padding:.75rem 1.25rem;font:inherit;font-weight:700;color:#fff;background:#00703c;border:0;border-bottom:3px solid #002d18;border-radius:0;cursor:pointer;text-align:center}
.button:hover{background:#005a30}
.error-summary{border:5px solid #b3261e;padding:1rem;margin:1rem 0 2rem}
.error-summary h2{margin-top:0}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary li{margin:.25rem 0}
.error-summary a{color:#b3261e;font-weight:700}
.panel{border:5px solid #00703c;padding:1rem;margin:1rem 0 2rem}
.panel h1{margin-top:0}
.tracking{font-size:2.5rem;line-height:1.2;font-weight:800;letter-spacing:.04em;font-variant-numeric:tabular-nums;overflow-wrap:anywhere;margin:.25rem 0 .75rem}
.notice{border-left:5px solid #0b57d0;padding:.5rem 0 .5rem .75rem}
dl{margin:0 0 1rem}
dt{font-weight:700}
dd{margin:0 0 .75rem}
.list{padding-left:1.25rem}
.list li{margin:0 0 .75rem}
.report-text,.reply-text{white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:#505a5f;font-size:1rem}
.visually-hidden,.hp{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;white-space:nowrap!important;border:0!important}
.hp{left:-10000px}
footer{border-top:1px solid #b1b4b6;padding-top:1rem;padding-bottom:2rem;font-size:1rem;color:#505a5f}
`;

/**
 * A Content-Security-Policy for these pages: nothing loads from anywhere, and the one inline
 * stylesheet is allowed by its hash, so an injected <style> or script would not run even if escaping
 * ever failed.
 */
export const WEB_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

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

/** Fields in the order they appear on the form, which is the order the error summary lists them. */
const FORM_FIELD_ORDER: readonly WebFormField[] = [
  'judul',
  'isi',
  'lokasi',
  'tanggal',
  'kategori',
  'privasi',
  'nama',
  'telepon',
  'email',
  'nonce',
  'lang',
  'website',
];

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
  const summary = FORM_FIELD_ORDER.flatMap((f): SummaryItem[] => {
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
  privacy: Privacy;
  /** Defaults to the status page for this report, the nearest page that exists at a GET address. */
  path?: string;
}

function statusHref(lang: WebLang, trackingId?: string): string {
  const query = new URLSearchParams();
  if (trackingId !== undefined) query.set('nomor', trackingId);
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
</div>
<h2>${t.confirmKeepTitle}</h2>
<p>${t.confirmKeep}</p>
<h2>${t.confirmNextTitle}</h2>
<p>${t.privacy[view.privacy].confirmation}</p>
<p>${t.confirmNext}</p>
<p><a href="${statusHref(lang, trackingId)}">${t.confirmCheck}</a></p>
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

export interface StatusLookupResult {
  trackingId: string;
  /** Already in the page's language. */
  statusLabel: string;
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
  error?: StatusLookupError;
  result?: StatusLookupResult;
  /** Defaults to /lapor/status with the query. */
  path?: string;
}

function lookupErrorText(t: Texts, error: StatusLookupError): string {
  if (error === 'not_found') return t.statusNotFound;
  if (error === 'invalid') return t.statusInvalid;
  return error.message;
}

function statusResult(t: Texts, lang: WebLang, r: StatusLookupResult): SafeHtml {
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
${r.content.title !== '' && html`<p><strong>${r.content.title}</strong></p>`}
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

import { boundedNfkc } from '../message/boundedNfkc';

/**
 * Words by which citizens add to a report they already sent: "tambahan: …", "lokasinya di …",
 * "ini fotonya", "maaf lupa, …", "ralat: …", "laporan saya tadi …". Matched on the lower-cased
 * original text, so they work whether or not a parser expanded the slang.
 */
const LEADING_MARKERS =
  /^\s*(?:(?:info|informasi|data|keterangan)\s+)?(?:tambahan|tambah(?:an)?\s+info|menambahkan|sebagai tambahan|susulan|update|updet|ralat|koreksi|revisi|maaf\s+(?:lupa|ketinggalan|salah)|lupa\s+(?:bilang|kasih|tulis)|oh\s+(?:ya|iya)|lanjutan|kelanjutan|(?:lokasi|alamat|letak|tempat)(?:\s*nya|\s+\p{L}+nya)|foto\s*nya|ini\s+foto|berikut\s+(?:foto|lokasi|alamat|bukti))\b/iu;

/** Phrases anywhere in a short message that point back at an earlier report. */
const BACK_REFERENCE =
  /\b(?:laporan\s+(?:saya|sy|aku|kami)\s+(?:tadi|td|sebelumnya|kemarin|kmrn|barusan|yang\s+tadi|yg\s+tadi|yg\s+td)|(?:yang|yg)\s+(?:tadi|td|barusan|sebelumnya)|pesan\s+(?:saya|sy)\s+(?:tadi|td|sebelumnya)|(?:di|pd|pada)\s+laporan\s+(?:sebelumnya|tadi|td))\b/iu;

/** Up to this many words a message counts as short enough to be an addition rather than a new report. */
const SHORT_WORDS = 20;

export interface FollowupSignalInput {
  text: string;
  intent: string;
  attachmentCount: number;
  /** Tokens of the normalised text (any language noise removed). */
  tokens: readonly string[];
}

/** Why this message reads as an addition to an earlier report, or null. */
export function followupSignal(input: FollowupSignalInput): string | null {
  if (input.intent === 'followup') return 'parser: follow-up intent';
  if (input.tokens.length === 0 && input.attachmentCount > 0) return 'photo or file without text';
  const text = boundedNfkc(input.text);
  if (LEADING_MARKERS.test(text)) return 'starts with follow-up words';
  if (input.tokens.length <= SHORT_WORDS && BACK_REFERENCE.test(text)) return 'short message referring to an earlier report';
  return null;
}

import type { PlaceToken } from './placeText';

/**
 * Words that start a street address. The word right after one names the street, not a region
 * ("Jl. Surabaya" in Malang); a place named later is where the street is ("jalan Ahmad Yani Surabaya").
 */
const STREET_MARKERS = new Set(['jl', 'jln', 'jalan', 'gg', 'gang', 'komplek', 'kompleks', 'komp', 'perumahan', 'perum']);
/** Other parts of an address: neighbourhood units and blocks. */
const UNIT_MARKERS = new Set(['rt', 'rw', 'blok', 'dusun', 'dsn']);
/** Landmarks: "depan SDN 3", "dekat pasar". */
const LANDMARK_MARKERS = new Set([
  'depan',
  'dekat',
  'samping',
  'belakang',
  'seberang',
  'sebelah',
  'pertigaan',
  'perempatan',
  'simpang',
  'persimpangan',
]);
/** "minggu depan", "ke depan": time, not place. */
const NOT_PLACE_BEFORE_DEPAN = new Set(['minggu', 'bulan', 'tahun', 'hari', 'pekan', 'ke', 'kedepan', 'masa']);
/** Words that end an address: what follows is the complaint, or a region named with its prefix. */
const ADDRESS_ENDS = new Set([
  'sudah',
  'sdh',
  'udah',
  'sejak',
  'sjk',
  'mohon',
  'mhn',
  'tolong',
  'tlg',
  'yang',
  'yg',
  'dan',
  'karena',
  'krn',
  'tapi',
  'sehingga',
  'agar',
  'supaya',
  'belum',
  'blm',
  'tidak',
  'tdk',
  'gak',
  'ga',
  'nggak',
  'sangat',
  'parah',
  'rusak',
  'mati',
  'berlubang',
  'hancur',
  'padam',
  'macet',
  'banjir',
  'menumpuk',
  'sering',
  'selalu',
  'ini',
  'itu',
  'di',
  'kel',
  'kelurahan',
  'desa',
  'ds',
  'kec',
  'kecamatan',
  'kab',
  'kabupaten',
  'kota',
  'kotamadya',
  'prov',
  'provinsi',
]);
/** Abbreviations whose dot does not end a sentence. */
const DOTTED = new Set(['jl', 'jln', 'no', 'gg', 'komp', 'rt', 'rw', 'blk', 'dsn', 'kel', 'kec', 'kab', 'ds', 'perum', 'sdn', 'smpn', 'sman', 'h', 'hj', 'dr', 'ir', 'kh', 'st']);
const MAX_ADDRESS_CHARS = 120;

/** Tokens [start, end) of one street or landmark phrase. */
export interface AddressSegment {
  start: number;
  end: number;
}

export interface AddressText {
  segments: AddressSegment[];
  /** Token positions naming a street ("Jl. Surabaya"): not a mention of the region of that name. */
  streetNameTokens: Set<number>;
}

/**
 * Keeps the free-text part of a location: streets (Jl./Jln./Jalan …, Gang/Gg.), RT/RW, blocks and
 * landmarks ("depan …", "dekat …"), each up to the next punctuation, region prefix or clause word.
 */
export function extractAddress(text: string, tokens: readonly PlaceToken[], commonWords: ReadonlySet<string>): AddressText {
  const segments: AddressSegment[] = [];
  const streetNameTokens = new Set<number>();
  const at = (i: number): string => tokens[i]?.word ?? '';
  const gapBefore = (i: number): string => text.slice(tokens[i - 1]?.end ?? 0, tokens[i]?.start ?? 0);

  const isMarker = (i: number): boolean => {
    const word = at(i);
    if (i + 1 >= tokens.length) return false;
    if (word === 'jalan') {
      // "jalan rusak" is a road that is broken; "Jalan Merdeka" or "jalan cipaganti" is an address.
      const next = tokens[i + 1] as PlaceToken;
      const nextWord = at(i + 1);
      const capitalised = /^\p{Lu}/u.test(text.slice(next.start, next.end));
      return !ADDRESS_ENDS.has(nextWord) && (capitalised || !commonWords.has(nextWord));
    }
    if (STREET_MARKERS.has(word) || LANDMARK_MARKERS.has(word)) {
      if (word === 'depan' && NOT_PLACE_BEFORE_DEPAN.has(at(i - 1))) return false;
      return !ADDRESS_ENDS.has(at(i + 1));
    }
    if (word === 'rt' || word === 'rw') return /^\d/.test(at(i + 1));
    return UNIT_MARKERS.has(word);
  };
  const endsBefore = (i: number): boolean => {
    const gap = gapBefore(i);
    if (/[!?;:\n()]/.test(gap)) return true;
    if (gap.includes('.') && !DOTTED.has(at(i - 1))) return true;
    if (gap.includes(',') && !isMarker(i) && !/^\d/.test(at(i))) return true;
    return ADDRESS_ENDS.has(at(i)) && !isMarker(i);
  };

  let i = 0;
  while (i < tokens.length) {
    if (!isMarker(i)) {
      i++;
      continue;
    }
    if (STREET_MARKERS.has(at(i))) {
      streetNameTokens.add(i + 1);
      if (at(i + 1) === 'raya') streetNameTokens.add(i + 2);
    }
    let j = i + 1;
    for (; j < tokens.length && !endsBefore(j); j++) {
      if ((tokens[j] as PlaceToken).end - (tokens[i] as PlaceToken).start > MAX_ADDRESS_CHARS) break;
    }
    if (j > i + 1) segments.push({ start: i, end: j });
    i = j;
  }
  return { segments, streetNameTokens };
}

/**
 * The address as written, segments joined by ", ", each cut where a region is named inside it
 * ("jalan Ahmad Yani Surabaya amblas" → "jalan Ahmad Yani"); null when nothing is left.
 */
export function addressText(text: string, tokens: readonly PlaceToken[], segments: readonly AddressSegment[], regionStarts: ReadonlySet<number>): string | null {
  const parts: string[] = [];
  for (const { start, end } of segments) {
    let last = end;
    for (let t = start + 1; t < end; t++) {
      if (regionStarts.has(t)) {
        last = t;
        break;
      }
    }
    if (last > start + 1) parts.push(text.slice((tokens[start] as PlaceToken).start, (tokens[last - 1] as PlaceToken).end));
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

import type { InboxRecord, ReviewReason } from '../store/types';

/** LAPOR!'s classification of what a message is, plus the gateway's own cases. */
export const INTENTS = [
  'complaint', // pengaduan
  'aspiration', // aspirasi
  'information_request', // permintaan informasi
  'status_query',
  'followup', // adds to an earlier report of the same citizen
  'greeting', // greeting or thanks only
  'spam', // spam or abuse
  'empty',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface NamedCode {
  /** Kemendagri code, e.g. "32" (province), "32.73" (regency/city), "32.73.01", "32.73.01.1001". */
  code: string;
  name: string;
}

export interface ParsedLocation {
  province: NamedCode | null;
  regency: NamedCode | null;
  district: NamedCode | null;
  village: NamedCode | null;
  /** Street or landmark text kept as written ("Jl. Merdeka depan SDN 3"). */
  address: string | null;
}

export interface ParseResult {
  intent: Intent;
  intentConfidence: number;
  /** For status queries: the tracking number asked about, check digit verified. */
  trackingId: string | null;
  /** A tracking-number-like token whose check digit is wrong: the citizen gets "please check the number". */
  invalidTrackingId: string | null;
  title: string;
  /** Category id from config/categories.json (e.g. "infrastruktur"), "lainnya" when unknown. */
  category: string;
  categoryConfidence: number;
  location: ParsedLocation;
  /** One line for people: "Kel. Sukajadi, Kec. Sukajadi, Kota Bandung, Jawa Barat — Jl. …", or null. */
  locationText: string | null;
  /** The most specific region code found, or null. */
  regionCode: string | null;
  /** Agency unit id from config/agencies, null when unroutable. */
  agency: string | null;
  agencyConfidence: number;
  language: 'id' | 'en';
  /** 0..1: the weakest of the decisions above that matter for this intent. */
  confidence: number;
  /** Set when thresholds in config/ say a person must look; reviewReasons say why. */
  needsReview: boolean;
  reviewReasons: ReviewReason[];
  /** Human-readable reasons for every decision, shown to operators. */
  reasons: string[];
  normalizedText: string;
}

/** What the inbound worker needs from a parser. Synchronous and in-process: it runs on every message. */
export interface Parser {
  parse(message: Pick<InboxRecord, 'text' | 'fields' | 'channel'>): ParseResult;
}

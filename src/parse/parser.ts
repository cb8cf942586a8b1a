import type { InboxRecord } from '../store/types';

export type Intent = 'complaint' | 'status_query' | 'empty';

export interface ParseResult {
  intent: Intent;
  /** For status queries: the tracking number asked about, check digit verified. */
  trackingId: string | null;
  title: string;
  category: string;
  location: string | null;
  language: 'id' | 'en';
  /** 0..1: how sure the parser is of intent and category. */
  confidence: number;
}

/** What the inbound worker needs from a parser; the full Indonesian parser replaces the simple one. */
export interface Parser {
  parse(message: Pick<InboxRecord, 'text' | 'fields' | 'channel'>): ParseResult;
}

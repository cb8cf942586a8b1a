import { readFileSync } from 'node:fs';
import type { ReviewReason } from '../store/types';
import type { Intent } from './parser';
import { projectFile } from './projectFile';

interface Thresholds {
  intent: { autoAccept: number };
  category: { autoAccept: number };
  location: { autoAccept: number };
  agency: { autoAccept: number };
  spam: { discardAt: number };
}

export interface Decisions {
  intent: Intent;
  intentConfidence: number;
  categoryConfidence: number;
  regionCode: string | null;
  locationConfidence: number;
  agency: string | null;
  agencyConfidence: number;
}

export interface ReviewVerdict {
  needsReview: boolean;
  reviewReasons: ReviewReason[];
  /** The weakest decision that matters for this intent. */
  confidence: number;
}

/** Reports become tickets routed to an agency: every part of them must be sure enough. */
const REPORTS: ReadonlySet<Intent> = new Set(['complaint', 'aspiration']);
const CATEGORISED: ReadonlySet<Intent> = new Set(['complaint', 'aspiration', 'information_request']);

/** Applies config/thresholds.json: which parse results a person must look at, and why. */
export class ReviewPolicy {
  private constructor(private readonly thresholds: Thresholds) {}

  static load(): ReviewPolicy {
    return new ReviewPolicy(JSON.parse(readFileSync(projectFile('config', 'thresholds.json'), 'utf8')) as Thresholds);
  }

  judge(d: Decisions): ReviewVerdict {
    const t = this.thresholds;
    const reasons = new Set<ReviewReason>();
    const scores = [d.intentConfidence];
    if (d.intent === 'spam') {
      if (d.intentConfidence < t.spam.discardAt) reasons.add('possible_spam');
      return verdict(reasons, scores);
    }
    if (d.intentConfidence < t.intent.autoAccept) reasons.add('low_confidence');
    if (CATEGORISED.has(d.intent)) {
      scores.push(d.categoryConfidence);
      if (d.categoryConfidence < t.category.autoAccept) reasons.add('low_confidence');
    }
    if (REPORTS.has(d.intent)) {
      scores.push(d.locationConfidence, d.agencyConfidence);
      if (d.regionCode === null || d.locationConfidence < t.location.autoAccept) reasons.add('unknown_location');
      if (d.agency === null) reasons.add('unroutable');
      else if (d.agencyConfidence < t.agency.autoAccept) reasons.add('low_confidence');
    }
    return verdict(reasons, scores);
  }
}

function verdict(reasons: Set<ReviewReason>, scores: number[]): ReviewVerdict {
  return { needsReview: reasons.size > 0, reviewReasons: [...reasons], confidence: Math.min(...scores) };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

// The "@a @b " run X puts in front of a reply: the thread's participants, not what the citizen wrote.
const LEADING_MENTIONS = /^(?:\s*[@＠][A-Za-z0-9_]{1,15}\b)+\s*/u;

/**
 * The text we hand to intake for a tweet, the same whichever API delivered it (both the v1.1
 * webhook payload and the v2 API escape &, < and >), so a tweet seen by polling and by webhook
 * has one fingerprint. Mentions inside the sentence stay: they can name the agency concerned.
 */
export function complaintText(tweetText: string): string {
  const decoded = tweetText.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
  return decoded.replace(LEADING_MENTIONS, '').trim();
}

import { createInterface } from 'node:readline';
import { z } from 'zod';
import { IndonesianParser } from '../src/parse/indonesianParser';

const Input = z.object({ text: z.string(), channel: z.string().optional() });

/**
 * `npm run -s parse`: JSON lines {"text", "channel"?} on stdin, one JSON line per input on stdout
 * with the parse result. A line that is not such an object gets {"error": …} and the next line is read.
 */
async function main(): Promise<void> {
  const parser = IndonesianParser.load();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    process.stdout.write(`${JSON.stringify(parseLine(parser, line, lineNumber))}\n`);
  }
}

function parseLine(parser: IndonesianParser, line: string, lineNumber: number): object {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { line: lineNumber, error: 'not valid JSON' };
  }
  const input = Input.safeParse(json);
  if (!input.success) return { line: lineNumber, error: `expected {"text": string, "channel"?: string}: ${input.error.issues.map((i) => i.message).join('; ')}` };
  const channel = input.data.channel ?? 'sms';
  const r = parser.parse({ text: input.data.text, channel, fields: null });
  return {
    text: input.data.text,
    channel,
    intent: r.intent,
    intentConfidence: r.intentConfidence,
    trackingId: r.trackingId,
    invalidTrackingId: r.invalidTrackingId,
    title: r.title,
    category: r.category,
    categoryConfidence: r.categoryConfidence,
    location: r.location,
    locationText: r.locationText,
    regionCode: r.regionCode,
    agency: r.agency,
    agencyConfidence: r.agencyConfidence,
    language: r.language,
    confidence: r.confidence,
    needsReview: r.needsReview,
    reviewReasons: r.reviewReasons,
    reasons: r.reasons,
    normalizedText: r.normalizedText,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`parse: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

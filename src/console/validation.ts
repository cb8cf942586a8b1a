import type { ZodError } from 'zod';

/** A form value that passed its schema but names something that does not exist (an agency, a ticket). */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** "field: message" for each problem, for the page that shows them. */
export function fieldErrors(error: ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`);
}

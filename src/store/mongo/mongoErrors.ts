import { StoreUnavailableError } from '../types';

// Driver errors that mean the server cannot be reached or is not taking writes right now.
const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

export function isMongoUnavailable(err: unknown): boolean {
  // Duck-typed: errors from another realm (jest's vm, Node internals) fail instanceof Error.
  if (typeof err !== 'object' || err === null) return false;
  const { name, message, errorLabels, cause } = err as {
    name?: unknown;
    message?: unknown;
    errorLabels?: unknown;
    cause?: unknown;
  };
  if (typeof name === 'string' && UNAVAILABLE_NAMES.has(name)) return true;
  // With bufferCommands off, mongoose refuses operations while disconnected with a plain MongooseError.
  const notConnected = /before initial connection is complete|connection .*closed|client must be connected/i;
  if (typeof message === 'string' && notConnected.test(message)) return true;
  // Primary stepped down, shutdown in progress, …: the driver labels these as retryable.
  if (Array.isArray(errorLabels) && errorLabels.includes('RetryableWriteError')) return true;
  return cause !== undefined && cause !== err && isMongoUnavailable(cause);
}

/** Runs a store operation, turning "cannot reach MongoDB" into StoreUnavailableError (callers answer 503). */
export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof StoreUnavailableError || !isMongoUnavailable(err)) throw err;
    throw new StoreUnavailableError(err);
  }
}

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

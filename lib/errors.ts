import type { z } from 'zod';

/**
 * Expected failures are values, shown to the user in words. Bugs throw to an error boundary.
 * The code decides the HTTP status in route handlers and the wording in the UI.
 */
export const errorCodes = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  safeguard: 409,
  too_large: 413,
  unsupported_format: 415,
  rate_limited: 429,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type AppError = {
  code: ErrorCode;
  message: string;
  /** 1-based data row of a feed, where the problem has one */
  row?: number;
  field?: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, where: { row?: number; field?: string } = {}): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, ...where },
});

/** Thrown inside a transaction to roll it back while still answering with an expected failure. */
export class AppFailure extends Error {
  constructor(public readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

export function httpStatus(error: AppError): number {
  return errorCodes[error.code];
}

/** Runs work that may throw AppFailure and turns that into a failed Result; anything else is a bug and rethrows. */
export async function catchFailure<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.error };
    throw error;
  }
}

/**
 * Parses input that crossed a trust boundary, inside work that catchFailure wraps: the first issue
 * becomes an `invalid` AppFailure naming its field (under `fieldPrefix`, e.g. "selection.ids").
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, fieldPrefix?: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = [...(fieldPrefix ? [fieldPrefix] : []), ...issue.path.map(String)];
    throw new AppFailure({ code: 'invalid', message: issue.message, field: path.join('.') });
  }
  return parsed.data;
}

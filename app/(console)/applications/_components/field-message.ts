import type { AppError } from '@/lib/errors';

/**
 * The message of an error meant for one of `fields` (the first one named is where it shows), without
 * the "field: " prefix the action wrapper puts in front of validation messages.
 */
export function fieldMessage(error: AppError | null, ...fields: string[]): string | undefined {
  if (!error?.field || !fields.some((f) => error.field === f || error.field!.startsWith(`${f}.`))) return undefined;
  const prefix = `${error.field}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The message of an error that belongs to none of the form's fields: shown above the form. */
export function formMessage(error: AppError | null, fields: readonly string[]): string | undefined {
  if (!error) return undefined;
  return fieldMessage(error, ...fields) === undefined ? error.message : undefined;
}

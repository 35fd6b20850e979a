import type { AppError } from '@/lib/errors';

/**
 * What to tell the admin when an action on an account is refused. The table refreshes by itself
 * after a conflict, so the words say it shows the account's current state rather than "reload".
 */
export function failureMessage(error: AppError, account: string): string {
  if (error.code === 'conflict' && !error.field) {
    return `Account ${account} was changed by someone else a moment ago. Nothing was changed: the table now shows its current state.`;
  }
  return error.message;
}

import type { AppError } from '@/lib/errors';
import type { FeedError } from './types';

/** The application's error for a feed that cannot be read: 415 for an unsupported format, 413 too large, else 400. */
export function feedErrorToAppError(error: FeedError): AppError {
  const code = error.code === 'unsupported_format' ? 'unsupported_format' : error.code === 'too_large' ? 'too_large' : 'invalid';
  return {
    code,
    message: error.message,
    ...(error.row === undefined ? {} : { row: error.row }),
    ...(error.field === undefined ? {} : { field: error.field }),
  };
}

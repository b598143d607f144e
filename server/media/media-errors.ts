// The one error type media handlers throw; the ack wrapper turns it into a user-safe AckError.
import type { ErrorCode } from '../../shared/errors';

export class MediaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}

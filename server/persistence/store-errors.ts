// Storage refusals that the layer above handles by meaning, not by message.

/** The ceremony's stored version moved on since the caller loaded it: reload, re-apply, retry. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly ceremonyId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`ceremony ${ceremonyId} is at version ${actual}, not ${expected}`);
  }
}

/** The database's schema is newer than this code (or unknown): refuse to start. */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';
}

/** A command-line mistake: exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

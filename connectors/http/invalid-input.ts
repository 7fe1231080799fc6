/**
 * A caller-supplied value that cannot be placed in an upstream query safely. Subgraphs surface it as
 * BAD_USER_INPUT; it is never sent upstream.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

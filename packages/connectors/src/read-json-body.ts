/**
 * A response's JSON body, or undefined when the body is not JSON, so the
 * caller can report an unreadable answer in its own words. An abort while the
 * body is read still rejects with the signal's reason.
 *
 * @example
 * const user = UserSchema.safeParse(await readJsonBody(response, signal));
 */
export async function readJsonBody(response: Response, signal: AbortSignal): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

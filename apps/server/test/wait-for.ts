/**
 * Reads until `done` holds or the time is up, every 50 ms, and returns the
 * last read either way, so the caller's assertion says what was seen.
 *
 * @example
 * const active = await waitFor(() => status(id), (r) => r.json.setup_state === 'active');
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

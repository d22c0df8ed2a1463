/**
 * The request never got an HTTP answer: DNS, refused connection, TLS, reset.
 * Safe to retry for reads. The message names the server's origin only.
 *
 * @example
 * catch (error) { if (error instanceof ConnNetworkError) scheduleRetry(); }
 */
export class ConnNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnNetworkError';
  }
}

import { ConnApiError, ConnNetworkError } from '@conn/sdk';

/** What went wrong, in the server's owner-readable words (never a stack or a raw code). */
export function describeError(error: unknown): string {
  if (error instanceof ConnApiError) return error.message;
  if (error instanceof ConnNetworkError) return 'The server could not be reached. Try again.';
  return 'Something went wrong. Try again.';
}

/** An error announced to screen readers as it appears. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <p className="error" role="alert">
      {describeError(error)}
    </p>
  );
}

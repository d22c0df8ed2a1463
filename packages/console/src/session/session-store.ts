import { hasSessionCookie } from '../client/console-client';

type Listener = () => void;

// Read at first use, in the browser.
let signedIn: boolean | undefined;
const listeners = new Set<Listener>();

/**
 * Whether the console believes it is signed in: true after a sign-in or
 * while the session cookie is there, false as soon as any request answers
 * that the session is missing or over. Read with `useSignedIn`.
 */
export const sessionStore = {
  get(): boolean {
    signedIn ??= hasSessionCookie();
    return signedIn;
  },
  set(value: boolean): void {
    if (value === signedIn) return;
    signedIn = value;
    for (const listener of listeners) listener();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

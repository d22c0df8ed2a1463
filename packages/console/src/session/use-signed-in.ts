import { useSyncExternalStore } from 'react';
import { sessionStore } from './session-store';

/** Whether the owner is signed in to this console, re-rendering when that changes. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}

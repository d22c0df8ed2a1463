import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef } from 'react';
import { consoleClient } from '../client/console-client';
import { ErrorMessage } from '../shared/error-message';
import { sessionStore } from './session-store';

/**
 * Sign in with the owner password: the server answers with an HttpOnly
 * session cookie. The password lives only in the input, which is emptied as
 * soon as the request leaves.
 */
export function SignInPage() {
  const queryClient = useQueryClient();
  const password = useRef<HTMLInputElement>(null);
  const signIn = useMutation({
    mutationFn: (value: string) => consoleClient().loginWithCookie(value),
    onSuccess: () => {
      queryClient.clear();
      sessionStore.set(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = password.current;
    if (input === null || input.value === '') return;
    const value = input.value;
    input.value = '';
    signIn.mutate(value);
  };
  return (
    <main id="main" className="narrow">
      <h1>Sign in to conn</h1>
      <p>Enter the owner password. On first start the server printed a one-time password.</p>
      <form onSubmit={submit} aria-busy={signIn.isPending}>
        <label htmlFor="owner-password">Owner password</label>
        <input
          id="owner-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          ref={password}
        />
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorMessage error={signIn.error} />
      </form>
    </main>
  );
}

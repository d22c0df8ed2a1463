import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { consoleClient } from '../client/console-client';
import { ErrorMessage } from '../shared/error-message';

/** The length the server asks of a new owner password. */
const minimumLength = 12;

/** How many other sessions a change ended, in words. */
function endedSentence(count: number): string {
  if (count === 0) return 'No other session was signed in.';
  return count === 1
    ? 'One other session was signed out.'
    : `${count} other sessions were signed out.`;
}

/**
 * Settings: change the owner password. Every other session (other browsers,
 * a signed-in CLI) ends; this one stays, and agent tokens keep working. The
 * passwords live only in their inputs, emptied as soon as the request leaves.
 */
export function SettingsPage() {
  const current = useRef<HTMLInputElement>(null);
  const next = useRef<HTMLInputElement>(null);
  const repeat = useRef<HTMLInputElement>(null);
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: (input: { current: string; next: string }) =>
      consoleClient().changePassword(input.current, input.next),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = [current.current, next.current, repeat.current];
    const [currentValue, nextValue, repeatValue] = fields.map((input) => input?.value ?? '');
    if (currentValue === '' || nextValue === '') return;
    if (nextValue !== repeatValue) {
      change.reset();
      setMismatch(true);
      return;
    }
    setMismatch(false);
    for (const input of fields) if (input !== null) input.value = '';
    change.mutate({ current: currentValue ?? '', next: nextValue ?? '' });
  };
  return (
    <>
      <h1>Settings</h1>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Owner password</h2>
        <p>
          Changing it signs out every other browser and terminal signed in as you. This session
          stays signed in, and agent tokens keep working.
        </p>
        <form onSubmit={submit} aria-busy={change.isPending} className="narrow-form">
          <div className="field">
            <label htmlFor="current-password">Current password</label>
            <input
              id="current-password"
              type="password"
              autoComplete="current-password"
              required
              ref={current}
            />
          </div>
          <div className="field">
            <label htmlFor="new-password">New password</label>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              minLength={minimumLength}
              aria-describedby="new-password-help"
              required
              ref={next}
            />
            <p id="new-password-help" className="help">
              At least {minimumLength} characters.
            </p>
          </div>
          <div className="field">
            <label htmlFor="repeat-password">New password again</label>
            <input
              id="repeat-password"
              type="password"
              autoComplete="new-password"
              required
              ref={repeat}
            />
          </div>
          <button type="submit" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
          {mismatch && (
            <p className="error" role="alert">
              The two new passwords are not the same.
            </p>
          )}
          <ErrorMessage error={change.error} />
          {change.data !== undefined && (
            <p className="note" role="status">
              Password changed. {endedSentence(change.data.ended_sessions)}
            </p>
          )}
        </form>
        <p className="muted">
          Lost the password? Whoever runs this server can set a new one from the server's own
          terminal; it signs every session out.
        </p>
      </section>
    </>
  );
}

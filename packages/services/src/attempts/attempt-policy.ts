import type { AttemptLimitRow } from '@conn/store';

/** What is being guessed: each kind of secret keeps its own counters. */
export type AttemptScope = 'owner_password' | 'enrollment_code';

/**
 * How many guesses a client gets and how long it waits once it has used them.
 * Every wait doubles the one before and stops growing at `maxWaitMs`, so a
 * guesser slows to a crawl while a stranger sharing the owner's address can
 * keep the owner out for `maxWaitMs` at most, never for good.
 */
export interface AttemptPolicy {
  /** Guesses per window before the client has to wait. */
  readonly perWindow: number;
  readonly windowMs: number;
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
  /** A client quiet this long starts over (its strikes are forgotten). */
  readonly forgetAfterMs: number;
}

/** The limits by scope, as `createServices` fills them in. */
export type AttemptPolicies = Readonly<Record<AttemptScope, AttemptPolicy>>;

/** Per-minute budgets an operator may set; the rest of each policy is fixed. */
export interface AttemptBudgets {
  /** Owner password guesses (login and password change) per minute per client; default 10. */
  ownerPasswordPerMinute?: number;
  /** Enrollment-code guesses per minute per client; default 20. */
  enrollmentCodePerMinute?: number;
}

const minute = 60_000;

/** A client quiet this long starts over: its counter is forgotten (by the next guess or the sweeper). */
export const attemptsForgottenAfterMs = 24 * 60 * minute;

/**
 * The policies for these budgets.
 *
 * @example
 * attemptPolicies({ ownerPasswordPerMinute: 5 }).owner_password.perWindow; // 5
 */
export function attemptPolicies(budgets: AttemptBudgets = {}): AttemptPolicies {
  const policy = (perWindow: number): AttemptPolicy =>
    Object.freeze({
      perWindow,
      windowMs: minute,
      firstWaitMs: minute,
      maxWaitMs: 15 * minute,
      forgetAfterMs: attemptsForgottenAfterMs,
    });
  return Object.freeze({
    owner_password: policy(budgets.ownerPasswordPerMinute ?? 10),
    enrollment_code: policy(budgets.enrollmentCodePerMinute ?? 20),
  });
}

/** One guess weighed: the counter to write back and, when refused, how long to wait. */
export type AttemptVerdict =
  | { readonly allowed: true; readonly next: AttemptLimitRow }
  | { readonly allowed: false; readonly next: AttemptLimitRow; readonly retryAfterMs: number };

/**
 * Weighs one more guess against a client's counter: refused while it waits;
 * otherwise counted, and the guess past the window's budget starts a wait of
 * `firstWaitMs · 2^strikes` (capped) instead of being tried.
 *
 * @example
 * const verdict = weighAttempt(row, new Date(), policies.owner_password);
 * if (!verdict.allowed) refuse(verdict.retryAfterMs);
 */
export function weighAttempt(
  row: AttemptLimitRow,
  now: Date,
  policy: AttemptPolicy,
): AttemptVerdict {
  const at = now.getTime();
  const stamp = now.toISOString();
  const blockedUntil = row.blocked_until === null ? 0 : Date.parse(row.blocked_until);
  if (blockedUntil > at) {
    // Waiting guesses are not counted, or a patient client could never get out.
    return { allowed: false, next: row, retryAfterMs: blockedUntil - at };
  }
  const quiet = at - Date.parse(row.last_attempt_at) >= policy.forgetAfterMs;
  const strikes = quiet ? 0 : row.strikes;
  const windowOver = quiet || at - Date.parse(row.window_started_at) >= policy.windowMs;
  const attempts = (windowOver ? 0 : row.attempts) + 1;
  const windowStartedAt = windowOver ? stamp : row.window_started_at;
  if (attempts <= policy.perWindow) {
    return {
      allowed: true,
      next: {
        ...row,
        attempts,
        window_started_at: windowStartedAt,
        strikes,
        blocked_until: null,
        last_attempt_at: stamp,
      },
    };
  }
  const waitMs = Math.min(policy.firstWaitMs * 2 ** strikes, policy.maxWaitMs);
  return {
    allowed: false,
    retryAfterMs: waitMs,
    next: {
      ...row,
      // The wait is the window's end: the next guess after it starts a fresh one.
      attempts: 0,
      window_started_at: stamp,
      strikes: strikes + 1,
      blocked_until: new Date(at + waitMs).toISOString(),
      last_attempt_at: stamp,
    },
  };
}

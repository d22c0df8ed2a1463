import { ErrorBodySchema } from '@conn/setup-engine';
import fc from 'fast-check';
import type { FuzzRequest } from './fuzz-request';
import type { FuzzTarget } from './fuzz-target';
import { type RawAnswer, rawExchange } from './raw-exchange';
import { echoCanary, requestArbitrary } from './request-arbitrary';

/** A case that broke a property: what was sent, what came back, and which property. */
export interface FuzzFinding {
  problem: string;
  request: string;
  status: number;
  body: string;
}

/** What a fuzz run did. */
export interface FuzzRun {
  cases: number;
  findings: FuzzFinding[];
  /** How many answers of each status class, to see the cases reached past the front door. */
  statuses: Record<string, number>;
}

/** A stack frame or a source path in an answer: internals leaking out. */
const stackTrace = /\bat [\w.<>$]+ \(|\bat (?:async )?[/\\]|node_modules|\.(?:ts|js|mjs):\d+:\d+/;

// A refused guess at a password or an enrollment code is counted on purpose:
// that count is the guess limit. Every other table must stay as it was.
const countsRefusedGuesses = new Set(['attempt_limits']);

function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after }).filter(
    (name) => before[name] !== after[name] && !countsRefusedGuesses.has(name),
  );
}

/** The properties every answer must keep; an empty list when it keeps them all. */
function problemsOf(request: FuzzRequest, answer: RawAnswer, wrote: readonly string[]): string[] {
  const problems: string[] = [];
  if (answer.status === 0) {
    if (request.wellFormed) problems.push('no answer to a well-formed request');
    return problems;
  }
  if (answer.status >= 500) problems.push(`answered ${answer.status}`);
  if (stackTrace.test(answer.body)) problems.push('a stack trace or source path in the body');
  if (answer.status >= 400 && answer.status < 500) {
    const bodiless = request.method === 'HEAD';
    // The OAuth callback answers a browser that asked for a page with one, by design.
    const page =
      request.operationId === 'completeAuthorization' &&
      request.acceptsHtml &&
      (answer.headers['content-type'] ?? '').startsWith('text/html');
    if (!bodiless && !page) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        parsed = null;
      }
      if (!ErrorBodySchema.safeParse(parsed).success)
        problems.push('a 4xx outside the one error shape');
    }
    if (wrote.length > 0) problems.push(`a 4xx that wrote to ${wrote.join(', ')}`);
    if (answer.body.includes(echoCanary)) problems.push('a 4xx that quotes the request');
  }
  return problems;
}

/**
 * Runs `numRuns` seeded fuzz cases against a prepared server, one at a time
 * on fresh connections, and checks each answer: no 5xx, no stack trace,
 * every 4xx in the one error shape and quoting nothing of the request, and no
 * row written by a 4xx (every table's count before and after). Findings are collected, not thrown, so
 * one run reports them all.
 *
 * @example
 * const run = await fuzzServer(target, { numRuns: 300, seed: 14 });
 * expect(run.findings).toEqual([]);
 */
export async function fuzzServer(
  target: FuzzTarget,
  options: { numRuns: number; seed: number; timeoutMs?: number },
): Promise<FuzzRun> {
  const findings: FuzzFinding[] = [];
  const statuses: Record<string, number> = {};
  let cases = 0;
  let counts = await target.countRows();
  await fc.assert(
    fc.asyncProperty(requestArbitrary(target), async (request) => {
      cases += 1;
      const answer = await rawExchange(target.url, request.bytes, {
        timeoutMs: options.timeoutMs ?? 5_000,
        halfClose: !request.wellFormed,
      });
      const after = await target.countRows();
      const wrote = changedTables(counts, after);
      const statusClass = answer.status === 0 ? 'none' : `${Math.floor(answer.status / 100)}xx`;
      statuses[statusClass] = (statuses[statusClass] ?? 0) + 1;
      for (const problem of problemsOf(request, answer, wrote)) {
        findings.push({
          problem,
          request: request.summary,
          status: answer.status,
          body: answer.body.slice(0, 300),
        });
      }
      // A success may set work off (a run, a webhook fan-out): let it land before the next case.
      counts = answer.status >= 200 && answer.status < 300 ? await target.settle() : after;
      return true;
    }),
    { numRuns: options.numRuns, seed: options.seed, endOnFailure: true },
  );
  return { cases, findings, statuses };
}

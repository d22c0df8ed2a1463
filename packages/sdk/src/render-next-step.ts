import type { Platform, UnknownValue } from '@conn/setup-engine';
import { formatBytes } from '@conn/setup-engine';
import { describeMoment } from './describe-moment';
import type {
  Intent,
  IntentNextStep,
  ReadinessBlocker,
  ReconnectResult,
  SetupPlan,
} from './response-types';
import { setupStateSentence } from './setup-state-sentence';

/** What `renderNextStep` renders: a plan, an intent (with its URL, code and command), or a reconnect. */
export type NextStepSource = SetupPlan | Intent | ReconnectResult;

const unprovenConfirmNote =
  'This has not been proven on this server yet; the owner must confirm an unproven attempt before it starts.';
const unprovenAttemptNote =
  'This is an unproven attempt: it has not been proven on this server yet.';
const updateNote =
  'This server is newer than this version of conn: update conn to see every detail.';

/**
 * Renders the one next step as plain text an agent can relay to the owner:
 * what to do and why, the owner-openable URL or the exact command when there
 * is one, the proof gate and readiness blockers in plain words. It never
 * holds a secret or a raw vocabulary value: it switches on the kinds to
 * choose its words.
 *
 * @example
 * const intent = await client.createIntent({ connector: connectorKey });
 * console.log(renderNextStep(intent));
 * // Claude Code: waiting for the owner.
 * // Next step: Enroll the Claude Code collector on your device
 * // …
 * // On the device, run: conn collector enroll --code 7KQ2-M9XD-4T0B
 */
export function renderNextStep(source: NextStepSource): string {
  if ('intent_id' in source) return lines(renderIntent(source));
  if ('setup_state' in source) return lines(renderReconnect(source));
  return lines(renderPlan(source));
}

function lines(parts: readonly (string | null | false)[]): string {
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join('\n');
}

function renderPlan(plan: SetupPlan): (string | null)[] {
  const { name } = plan.connector;
  const step = plan.next_step;
  const out: (string | null)[] = [];
  switch (plan.support_state) {
    case 'supported':
      out.push(`${name}: ready to connect on this server.`);
      break;
    case 'proof_gated':
      out.push(`${name}: can be tried on this server as an unproven attempt.`);
      break;
    case 'needs_deployment_config':
      out.push(`${name}: not available until this server's setup is finished.`);
      break;
    case 'unsupported':
      out.push(`${name}: not available on this server.`, plan.support_reason);
      break;
    case 'unknown':
      out.push(`${name}: ${plan.support_reason}`, updateNote);
      break;
  }
  // A deployment step's description repeats its first blocker, which is listed below.
  if (step.kind === 'configure_deployment') out.push(`Next step: ${step.label}`);
  else if (step.kind !== 'none') out.push(`Next step: ${step.label}`, step.description);
  // Form fields, files and commands matter only once the owner can take the step here.
  if (plan.support_state === 'supported' || plan.support_state === 'proof_gated') {
    out.push(...stepDetails(plan, null));
  }
  if (plan.proof_gate !== null) {
    out.push(unprovenConfirmNote, learnMore(plan.proof_gate.learn_more_url));
  }
  out.push(...blockerLines(plan.readiness.blockers));
  return out;
}

function renderIntent(intent: Intent): (string | null)[] {
  const { plan } = intent;
  const { name } = plan.connector;
  switch (intent.status) {
    case 'completed':
      return [`${name}: connected.`, open(intent.next_step.url)];
    case 'expired':
      return [
        `${name}: this setup attempt ended before it finished. Start a new one to try again.`,
      ];
    case 'blocked': {
      const out: (string | null)[] = [`${name}: blocked.`];
      if (intent.blocked?.code === 'unproven_path_not_confirmed') {
        out.push(
          plan.support_reason,
          unprovenConfirmNote,
          learnMore(plan.proof_gate?.learn_more_url ?? null),
        );
      } else {
        out.push(intent.blocked?.message ?? plan.support_reason);
      }
      out.push(...blockerLines(plan.readiness.blockers));
      return out;
    }
    case 'pending_owner_action':
      return [`${name}: waiting for the owner.`, ...stepLines(intent.next_step, plan)];
    case 'unknown':
      return [`${name}: ${plan.support_reason}`, updateNote, open(intent.next_step.url)];
  }
}

function renderReconnect(result: ReconnectResult): (string | null)[] {
  return [setupStateSentence(result.setup_state), ...stepLines(result.next_step, null)];
}

/** An intent's or a reconnect's step: label, description, where to go and what to run. */
function stepLines(step: IntentNextStep, plan: SetupPlan | null): (string | null)[] {
  const out: (string | null)[] = [`Next step: ${step.label}`, step.description];
  if (step.command !== null) {
    out.push(`On the device, run: ${step.command}`);
  } else if (step.enrollment_code !== null) {
    out.push(`One-time code: ${step.enrollment_code}`);
  }
  if (step.expires_at !== null) out.push(`This expires ${describeMoment(step.expires_at)}.`);
  out.push(open(step.url));
  if (plan !== null) out.push(...stepDetails(plan, step));
  if (step.unproven) out.push(unprovenAttemptNote);
  return out;
}

/** What the owner needs to know about the step, from the plan's descriptor. */
function stepDetails(plan: SetupPlan, step: IntentNextStep | null): string[] {
  const { descriptor } = plan;
  switch (descriptor.modality) {
    case 'static_secret': {
      const needed = descriptor.fields.map((field) => {
        const notes = [
          field.secret ? 'kept secret' : null,
          field.required ? null : 'optional',
        ].filter((note) => note !== null);
        return notes.length > 0 ? `${field.label} (${notes.join(', ')})` : field.label;
      });
      const help = descriptor.fields
        .filter((field) => field.help_url !== undefined)
        .map((field) => `Where to get the ${field.label.toLowerCase()}: ${field.help_url}`);
      return [
        `The owner will need: ${needed.join('; ')}.`,
        ...help,
        'Only the owner enters secrets, in the conn console or the conn CLI, never in a chat.',
        plan.validation_mode === 'synchronous'
          ? 'conn checks the credential right away and shows which account it belongs to.'
          : plan.validation_mode === 'first_sync'
            ? 'conn checks the credential during the first sync.'
            : '',
      ];
    }
    case 'local_collector': {
      const { collector } = descriptor;
      const paths = Object.entries(collector.default_paths).map(
        ([platform, path]) => `${path} on ${platformName(platform as Platform)}`,
      );
      const out = [
        `Runs on: ${collector.platforms.map(platformName).join(', ')}.`,
        paths.length > 0 ? `It reads ${paths.join(', ')}.` : '',
        `If the conn CLI is not on the device yet: ${collector.install_command}`,
      ];
      if (step === null) {
        out.push(
          `Starting the setup gives a one-time code; the device then runs: ${collector.enroll_command}`,
        );
      }
      return out;
    }
    case 'manual_or_upload': {
      const { upload } = descriptor;
      const accepted = [...upload.accepted_extensions, ...upload.accepted_names].join(', ');
      const many = upload.multi_file ? '; several files can go in one upload' : '';
      return [
        `Accepted files: ${accepted} (up to ${formatBytes(upload.max_file_bytes)} each${many}).`,
        ...upload.acquisition.map(
          (guide) =>
            `How to get it on ${platformName(guide.platform)}: ${sentenceList(guide.steps)}${guide.help_url === undefined ? '' : ` More: ${guide.help_url}`}`,
        ),
      ];
    }
    case 'browser_bound':
      return [`Works on: ${descriptor.browser.platforms.map(platformName).join(', ')}.`];
    case 'provider_authorization':
      return [
        `The owner signs in at the provider and approves access (${descriptor.authorization.provider_app_label}).`,
      ];
    case 'unsupported':
      return [];
  }
}

function blockerLines(blockers: readonly ReadinessBlocker[]): string[] {
  if (blockers.length === 0) return [];
  // Each action already names who takes it (the operator or the owner).
  return ['What blocks it:', ...blockers.map((blocker) => `- ${blocker.label} ${blocker.action}`)];
}

/** Steps written as sentences, joined into one: no doubled or clashing punctuation. */
function sentenceList(steps: readonly string[]): string {
  return `${steps.map((step) => step.trim().replace(/[.;,\s]+$/, '')).join('; ')}.`;
}

function open(url: string | null): string | null {
  return url === null ? null : `Open: ${url}`;
}

function learnMore(url: string | null): string | null {
  return url === null ? null : `More about it: ${url}`;
}

/** A platform as owners write it. */
function platformName(platform: Platform | UnknownValue): string {
  switch (platform) {
    case 'macos':
      return 'macOS';
    case 'linux':
      return 'Linux';
    case 'windows':
      return 'Windows';
    case 'android':
      return 'Android';
    case 'ios':
      return 'iOS';
    case 'web':
      return 'the web';
    case 'unknown':
      return 'another platform';
  }
}

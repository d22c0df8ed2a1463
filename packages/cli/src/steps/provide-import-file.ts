import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  type Artifact,
  ConnApiError,
  type ConnClient,
  formatBytes,
  type SetupPlan,
  type SetupStatus,
} from '@conn/sdk';
import { uploadFile } from '@conn/sdk/node';
import { ConnError } from '@conn/setup-engine';
import type { CliContext } from '../cli-context';
import { followFirstSync } from '../follow-first-sync';
import { ProgressBar } from '../render/progress-bar';
import { renderValidationEvidence, suggestedLabel } from '../render/render-validation-evidence';
import { sleep } from '../sleep';
import type { ConnectOptions } from './connect-options';

const validationWaitMs = 10 * 60_000;

/**
 * The `provide_import_file` step: checks each `--file` against the upload
 * descriptor (name, size, how many), streams it to the server with a
 * progress bar, waits for its validation and shows the evidence, then
 * imports the staged files, read the way `--reading` picked where the check
 * guessed, into one new source (or `--into` an existing
 * connection) and follows the import.
 *
 * @example
 * await provideImportFile(context, plan, { ...options, files: ['WhatsApp Chat with Family.zip'] });
 */
export async function provideImportFile(
  context: CliContext,
  plan: SetupPlan,
  options: ConnectOptions,
): Promise<SetupStatus> {
  const { out } = context;
  const { descriptor, connector } = plan;
  if (descriptor.modality !== 'manual_or_upload') {
    throw new ConnError(
      'modality_mismatch',
      `${connector.name} is not set up from an export file.`,
    );
  }
  const { upload } = descriptor;
  const accepted = [...upload.accepted_extensions, ...upload.accepted_names];
  if (options.files.length === 0) {
    throw new ConnError(
      'invalid_request',
      `${connector.name} is set up from an export file (${accepted.join(', ')}): pass it with --file PATH.`,
    );
  }
  if (options.files.length > 1 && !upload.multi_file) {
    throw new ConnError('invalid_request', `${connector.name} takes one file per import.`);
  }
  for (const file of options.files) await preflight(file, upload, accepted);

  const owner = await context.ownerClient();
  const artifacts: Artifact[] = [];
  for (const file of options.files) {
    const size = (await stat(file)).size;
    const name = basename(file);
    const bar = out.tty ? new ProgressBar(context.io.stdout, `Uploading ${name}`, size) : null;
    try {
      const artifact = await uploadFile(owner, connector.key, file, {
        signal: context.signal,
        onProgress: ({ bytesSent }) => bar?.update(bytesSent),
      });
      const uploaded = `Uploaded ${name} (${formatBytes(size)}).`;
      if (bar === null) out.line(uploaded);
      else bar.finish(out.style('green', uploaded));
      artifacts.push(artifact);
    } catch (error) {
      bar?.finish(`Could not upload ${name}.`);
      if (error instanceof ConnApiError && error.code === 'route_not_found') {
        throw new ConnError(
          'route_not_found',
          `This server does not take uploads yet (no ${plan.next_step.action?.path ?? 'upload'} route): update the conn server.`,
        );
      }
      throw error;
    }
  }

  const checked: Artifact[] = [];
  for (const artifact of artifacts) {
    const done = await untilValidated(owner, artifact, context.signal);
    for (const line of renderValidationEvidence(done, options.readings)) out.line(line);
    if (done.status === 'invalid' || done.status === 'interrupted') {
      throw new ConnError('artifact_invalid', `${connector.name} cannot import this file.`);
    }
    if (done.status === 'duplicate') {
      throw new ConnError(
        'artifact_invalid',
        'This file was already uploaded: nothing new to import.',
      );
    }
    checked.push(done);
  }

  const readings = await pickReadings(context, checked, options.readings ?? {});
  const label = options.label ?? suggestedLabel(checked[0] as Artifact) ?? undefined;
  const status = await owner.importArtifacts({
    artifact_ids: checked.map((artifact) => artifact.id),
    target:
      options.into === undefined
        ? { new: label === undefined ? {} : { label } }
        : { connection_id: options.into },
    ...(Object.keys(readings).length === 0 ? {} : { readings }),
  });
  return followFirstSync(context, owner, status.connection_id, { waiting: 'Importing' });
}

/**
 * The owner's picks among the readings the checked files offer: `--reading`
 * values as given (the server refuses one no file offered), and on a
 * terminal a choice for each other reading, its guess first. Only picks that
 * differ from a guess, or were given, are sent.
 */
async function pickReadings(
  context: CliContext,
  checked: readonly Artifact[],
  given: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  const picks: Record<string, string> = { ...given };
  const prompter = context.prompter();
  const seen = new Set<string>();
  for (const artifact of checked)
    for (const reading of artifact.validation?.readings ?? []) {
      if (seen.has(reading.key)) continue;
      seen.add(reading.key);
      const pick = await prompter.reading(reading, given[reading.key]);
      if (pick !== reading.chosen) picks[reading.key] = pick;
    }
  return picks;
}

/** Refuses a file the descriptor would refuse, before sending a byte. */
async function preflight(
  file: string,
  upload: { accepted_extensions: string[]; accepted_names: string[]; max_file_bytes: number },
  accepted: readonly string[],
): Promise<void> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new ConnError('invalid_request', `${file} is not a readable file.`);
  }
  const name = basename(file);
  const lower = name.toLowerCase();
  const fits =
    upload.accepted_names.includes(name) ||
    upload.accepted_extensions.some((extension) => lower.endsWith(extension));
  if (!fits) {
    throw new ConnError(
      'invalid_request',
      `${name} is not an accepted file (${accepted.join(', ')}).`,
    );
  }
  if (size > upload.max_file_bytes) {
    throw new ConnError(
      'payload_too_large',
      `${name} is ${formatBytes(size)}; the limit is ${formatBytes(upload.max_file_bytes)}.`,
    );
  }
}

/** Polls an artifact until its validation is done (staged, invalid or duplicate). */
async function untilValidated(
  owner: ConnClient,
  artifact: Artifact,
  signal: AbortSignal,
): Promise<Artifact> {
  const deadline = Date.now() + validationWaitMs;
  let current = artifact;
  while (current.status === 'uploaded' || current.status === 'validating') {
    if (Date.now() > deadline) {
      throw new ConnError(
        'provider_unavailable',
        'The server did not finish checking the file in time.',
      );
    }
    await sleep(500, signal);
    current = await owner.artifact(artifact.id, { signal });
  }
  return current;
}

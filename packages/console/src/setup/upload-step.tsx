import type { Artifact, SetupPlan } from '@conn/sdk';
import { formatBytes } from '@conn/sdk';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useLocation } from 'wouter';
import { consoleClient } from '../client/console-client';
import { pagePaths } from '../client/page-paths';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import type { StepProps } from './step-props';
import { ValidationEvidence } from './validation-evidence';

interface PickedFile {
  file: File;
  /** Refused before upload: larger than the connector takes. */
  tooLarge: boolean;
  sentBytes: number;
  artifact: Artifact | null;
  error: unknown;
}

const checkedMs = 500;

/** Whether the server is still receiving or checking an upload. */
function isChecking(artifact: Artifact): boolean {
  switch (artifact.status) {
    case 'uploaded':
    case 'validating':
      return true;
    default:
      return false;
  }
}

async function untilChecked(artifact: Artifact): Promise<Artifact> {
  let current = artifact;
  while (isChecking(current)) {
    await new Promise((resolve) => setTimeout(resolve, checkedMs));
    current = await consoleClient().artifact(current.id);
  }
  return current;
}

/**
 * The upload page: files checked against the connector's size limit before
 * anything is sent, one progress bar per file, what the server found in each
 * (counts, the period covered, in local time), then where to import them —
 * a new source with its suggested, editable name, or an existing one.
 */
export function UploadStep({ plan, step }: StepProps) {
  const upload = plan.descriptor.modality === 'manual_or_upload' ? plan.descriptor.upload : null;
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [label, setLabel] = useState<string | null>(null);
  const [existingId, setExistingId] = useState('');
  // The owner's picks among the readings the files' validation offered; unpicked ones keep the guess.
  const [readings, setReadings] = useState<Record<string, string>>({});
  const [, navigate] = useLocation();
  const existing = useQuery({
    queryKey: queryKeys.connections(false),
    queryFn: ({ signal }) => consoleClient().connections({}, { signal }),
  });
  const sameConnector = (existing.data?.items ?? []).filter(
    (connection) => connection.connector === plan.connector.key && connection.status !== 'revoked',
  );

  const update = (index: number, change: Partial<PickedFile>) =>
    setPicked((files) => files.map((file, at) => (at === index ? { ...file, ...change } : file)));

  const send = useMutation({
    mutationFn: async (files: PickedFile[]) => {
      for (const [index, item] of files.entries()) {
        if (item.tooLarge || item.artifact !== null) continue;
        try {
          const sent = await consoleClient().upload(plan.connector.key, item.file, {
            fileName: item.file.name,
            onProgress: ({ bytesSent }) => update(index, { sentBytes: bytesSent }),
          });
          update(index, { artifact: sent, sentBytes: item.file.size });
          update(index, { artifact: await untilChecked(sent) });
        } catch (error) {
          update(index, { error });
        }
      }
    },
  });

  const staged = picked.flatMap((item) =>
    item.artifact?.status === 'staged' ? [item.artifact] : [],
  );
  const suggested = staged.find((artifact) => artifact.validation?.suggested_label)?.validation
    ?.suggested_label;
  const shownLabel = label ?? suggested ?? '';
  const offered = [
    ...new Map(
      staged.flatMap((artifact) => artifact.validation?.readings ?? []).map((r) => [r.key, r]),
    ).values(),
  ];

  const importFiles = useMutation({
    mutationFn: () =>
      consoleClient().importArtifacts({
        artifact_ids: staged.map((artifact) => artifact.id),
        target:
          target === 'existing' && existingId !== ''
            ? { connection_id: existingId }
            : { new: shownLabel.trim() === '' ? {} : { label: shownLabel.trim() } },
        ...(Object.keys(readings).length === 0 ? {} : { readings }),
      }),
    onSuccess: (status) => navigate(pagePaths.connectionSetup(status.connection_id)),
  });

  if (upload === null) return null;
  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    setPicked(
      files.map((file) => ({
        file,
        tooLarge: file.size > upload.max_file_bytes,
        sentBytes: 0,
        artifact: null,
        error: null,
      })),
    );
  };
  const accept = upload.accepted_extensions.join(',');
  const ready = picked.some((item) => !item.tooLarge && item.artifact === null);

  return (
    <section aria-labelledby="step-heading">
      <h2 id="step-heading">{step.label}</h2>
      <p>{step.description}</p>
      <p className="muted">
        Accepted: {[...upload.accepted_extensions, ...upload.accepted_names].join(', ')}, up to{' '}
        {formatBytes(upload.max_file_bytes)} each
        {upload.multi_file ? '; you can add several files.' : '.'}
      </p>
      {upload.acquisition.length > 0 && (
        <details className="advanced">
          <summary>How to get the export</summary>
          {upload.acquisition.map((guide) => (
            <div key={guide.platform}>
              <ol>
                {guide.steps.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ol>
              {guide.help_url !== undefined && (
                <a href={guide.help_url} target="_blank" rel="noreferrer">
                  More help (opens in a new tab)
                </a>
              )}
            </div>
          ))}
        </details>
      )}
      <div className="field">
        <label htmlFor="upload-files">{upload.multi_file ? 'Export files' : 'Export file'}</label>
        <input
          id="upload-files"
          type="file"
          multiple={upload.multi_file}
          {...(accept === '' ? {} : { accept })}
          onChange={choose}
        />
      </div>
      <button type="button" disabled={!ready || send.isPending} onClick={() => send.mutate(picked)}>
        {send.isPending ? 'Uploading…' : 'Upload and check'}
      </button>
      <ul className="files">
        {picked.map((item) => (
          <FileRow
            key={`${item.file.name}:${item.file.size}:${item.file.lastModified}`}
            item={item}
            plan={plan}
            maxBytes={upload.max_file_bytes}
          />
        ))}
      </ul>
      {staged.length > 0 && !send.isPending && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            importFiles.mutate();
          }}
        >
          <fieldset>
            <legend>Import into</legend>
            <div className="choice">
              <input
                type="radio"
                id="target-new"
                name="target"
                checked={target === 'new'}
                onChange={() => setTarget('new')}
              />
              <label htmlFor="target-new">A new source</label>
            </div>
            {target === 'new' && (
              <div className="field">
                <label htmlFor="new-label">Name of the new source</label>
                <input
                  id="new-label"
                  type="text"
                  value={shownLabel}
                  onChange={(event) => setLabel(event.target.value)}
                  autoComplete="off"
                />
              </div>
            )}
            {sameConnector.length > 0 && (
              <>
                <div className="choice">
                  <input
                    type="radio"
                    id="target-existing"
                    name="target"
                    checked={target === 'existing'}
                    onChange={() => {
                      setTarget('existing');
                      if (existingId === '') setExistingId(sameConnector[0]?.connection_id ?? '');
                    }}
                  />
                  <label htmlFor="target-existing">A source you already have</label>
                </div>
                {target === 'existing' && (
                  <div className="field">
                    <label htmlFor="existing-source">Source</label>
                    <select
                      id="existing-source"
                      value={existingId}
                      onChange={(event) => setExistingId(event.target.value)}
                    >
                      {sameConnector.map((connection) => (
                        <option key={connection.connection_id} value={connection.connection_id}>
                          {connection.label ?? plan.connector.name}
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </>
            )}
          </fieldset>
          {offered.map((reading) => (
            <fieldset key={reading.key}>
              <legend>{reading.summary}</legend>
              {reading.options.map((option) => (
                <div className="choice" key={option.value}>
                  <input
                    type="radio"
                    id={`reading-${reading.key}-${option.value}`}
                    name={`reading-${reading.key}`}
                    checked={(readings[reading.key] ?? reading.chosen) === option.value}
                    onChange={() => setReadings({ ...readings, [reading.key]: option.value })}
                  />
                  <label htmlFor={`reading-${reading.key}-${option.value}`}>{option.label}</label>
                </div>
              ))}
            </fieldset>
          ))}
          <button type="submit" disabled={importFiles.isPending}>
            Import {staged.length} {staged.length === 1 ? 'file' : 'files'}
          </button>
          <ErrorMessage error={importFiles.error} />
        </form>
      )}
    </section>
  );
}

function FileRow({
  item,
  plan,
  maxBytes,
}: {
  item: PickedFile;
  plan: SetupPlan;
  maxBytes: number;
}) {
  const { file, artifact } = item;
  return (
    <li className="file">
      <p>
        <strong>{file.name}</strong> <span className="muted">({formatBytes(file.size)})</span>
      </p>
      {item.tooLarge ? (
        <p className="error" role="alert">
          This file is larger than the {formatBytes(maxBytes)} this source takes; it was not sent.
        </p>
      ) : (
        <progress
          max={Math.max(file.size, 1)}
          value={item.sentBytes}
          aria-label={`Upload of ${file.name}`}
        />
      )}
      <FileState artifact={artifact} plan={plan} />
      <ErrorMessage error={item.error} />
    </li>
  );
}

function FileState({ artifact, plan }: { artifact: Artifact | null; plan: SetupPlan }) {
  if (artifact === null) return null;
  switch (artifact.status) {
    case 'uploaded':
    case 'validating':
      return <p aria-live="polite">Checking the file…</p>;
    case 'staged':
      return (
        <>
          <p aria-live="polite">Checked: ready to import.</p>
          <ValidationEvidence validation={artifact.validation} plan={plan} />
        </>
      );
    case 'duplicate':
      return (
        <>
          <p>This file was uploaded before; it is not imported twice.</p>
          <ValidationEvidence validation={artifact.validation} plan={plan} />
        </>
      );
    case 'invalid':
      return (
        <p className="error" role="alert">
          This file cannot be imported. {artifact.validation?.remedy ?? ''}
        </p>
      );
    case 'imported':
      return <p>Imported.</p>;
    case 'expired':
      return <p>This upload expired before it was imported. Upload it again.</p>;
    case 'interrupted':
      return (
        <p className="error" role="alert">
          The server stopped before it finished receiving this file. Upload it again.
        </p>
      );
    case 'unknown':
      return <p>The server reports a state this console does not know yet.</p>;
  }
}

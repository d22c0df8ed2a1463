import type { ArtifactValidation, SetupPlan } from '@conn/sdk';
import { localDate } from '../shared/local-time';

/**
 * What the server found in an upload: records per stream, the period covered
 * (in local time) and how it guessed to read the file, in the owner's words.
 */
export function ValidationEvidence({
  validation,
  plan,
}: {
  validation: ArtifactValidation | null;
  plan: SetupPlan;
}) {
  if (validation === null) return null;
  const streamLabel = (name: string) =>
    plan.streams.find((stream) => stream.name === name)?.label ?? name;
  return (
    <dl className="evidence">
      {Object.entries(validation.counts).map(([stream, count]) => (
        <div key={stream}>
          <dt>{streamLabel(stream)}</dt>
          <dd>{count.toLocaleString()}</dd>
        </div>
      ))}
      {validation.date_range !== null && (
        <div>
          <dt>Covers</dt>
          <dd>
            {localDate(validation.date_range.from)} to {localDate(validation.date_range.to)}
          </dd>
        </div>
      )}
      {validation.readings.map((reading) => (
        <div key={reading.key}>
          <dt>Read as</dt>
          <dd>{reading.summary}</dd>
        </div>
      ))}
      {validation.empty && (
        <div>
          <dt>Note</dt>
          <dd>The file holds no records.</dd>
        </div>
      )}
      {validation.stale && (
        <div>
          <dt>Note</dt>
          <dd>This export looks old; a newer one may hold more.</dd>
        </div>
      )}
    </dl>
  );
}

import { RunStatusSchema, type RunSummary } from '@conn/setup-engine';
import type { StatusRun } from '@conn/store';

/** The read view of a run row (the columns a status shows suffice). */
export function summarizeRun(run: StatusRun): RunSummary {
  return {
    id: run.id,
    kind: run.kind,
    status: RunStatusSchema.parse(run.status),
    stage: run.stage,
    records_accepted: Number(run.records_accepted),
    error_code: run.error_code,
    created_at: run.created_at,
    finished_at: run.finished_at,
    undone_at: run.undone_at,
  };
}

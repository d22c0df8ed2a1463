/** What a run does: a draft's first sync, a later sync, or an upload import. */
export const runKinds = ['first_sync', 'sync', 'import'] as const;

export type RunKind = (typeof runKinds)[number];

/** When every audit row of these tests was written. */
export const auditAt = '2025-01-02T03:04:05.000Z';

/** A `test.event` audit row; without `connectionId` the column is left unset (undefined), not null. */
export function auditRow(id: string, actor: string, connectionId?: string | null) {
  return {
    id,
    owner_id: null,
    actor,
    action: 'test.event',
    connection_id: connectionId,
    details_json: '{}',
    created_at: auditAt,
  };
}

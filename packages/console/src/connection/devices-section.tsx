import type { CollectorDevice, SetupStatus } from '@conn/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleClient } from '../client/console-client';
import { queryKeys } from '../client/query-keys';
import { ErrorMessage } from '../shared/error-message';
import { localDateTime } from '../shared/local-time';

const never = (iso: string | null, words: string) => (iso === null ? words : localDateTime(iso));

/**
 * The devices enrolled for a connection collected on the owner's device:
 * each with its name, when it enrolled, its last heartbeat and last pass,
 * and — after a confirmation — revoking it, which stops its collector at
 * once. Connections collected elsewhere show nothing.
 */
export function DevicesSection({ status }: { status: SetupStatus }) {
  const id = status.connection_id;
  const device = status.modality === 'local_collector';
  const devices = useQuery({
    queryKey: queryKeys.devices(id),
    queryFn: ({ signal }) => consoleClient().devices(id, { signal }),
    enabled: device,
  });
  if (!device) return null;
  const live = devices.data?.filter((d) => d.revoked_at === null) ?? [];
  const revoked = devices.data?.filter((d) => d.revoked_at !== null) ?? [];
  return (
    <section aria-labelledby="devices-heading">
      <h2 id="devices-heading">Devices</h2>
      <ErrorMessage error={devices.error} />
      {devices.data !== undefined && live.length === 0 && (
        <p>No device sends to this source now. Reconnect it to enroll one.</p>
      )}
      <ul className="cards" aria-label="Enrolled devices">
        {live.map((d) => (
          <DeviceCard key={d.id} connectionId={id} device={d} />
        ))}
      </ul>
      {revoked.length > 0 && (
        <details>
          <summary>Revoked devices ({revoked.length})</summary>
          <ul className="cards" aria-label="Revoked devices">
            {revoked.map((d) => (
              <DeviceCard key={d.id} connectionId={id} device={d} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function DeviceCard({ connectionId, device }: { connectionId: string; device: CollectorDevice }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => consoleClient().revokeDevice(connectionId, device.id),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.devices(connectionId) });
    },
  });
  const headingId = `device-${device.id}`;
  return (
    <li aria-labelledby={headingId}>
      <h3 id={headingId}>{device.device_name}</h3>
      <dl className="facts">
        <div>
          <dt>Enrolled</dt>
          <dd>{localDateTime(device.enrolled_at)}</dd>
        </div>
        <div>
          <dt>Last heartbeat</dt>
          <dd>{never(device.last_heartbeat_at, 'Not yet')}</dd>
        </div>
        <div>
          <dt>Last pass</dt>
          <dd>{never(device.last_pass_at, 'Not yet')}</dd>
        </div>
        {device.revoked_at !== null && (
          <div>
            <dt>Revoked</dt>
            <dd>{localDateTime(device.revoked_at)}</dd>
          </div>
        )}
      </dl>
      {device.revoked_at === null && !confirming && (
        <p>
          <button
            type="button"
            className="quiet"
            aria-label={`Revoke the device ${device.device_name}`}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        </p>
      )}
      {confirming && (
        <section className="note" aria-labelledby={`${headingId}-revoke`}>
          <h4 id={`${headingId}-revoke`}>Revoke {device.device_name}?</h4>
          <p>
            Its collector stops working at once. The records it sent are kept; to send again, it
            enrolls with a new code.
          </p>
          <p className="actions">
            <button
              type="button"
              className="danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate()}
            >
              Yes, revoke this device
            </button>
            <button type="button" className="quiet" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </p>
          <ErrorMessage error={revoke.error} />
        </section>
      )}
    </li>
  );
}

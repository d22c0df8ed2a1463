import { randomBytes } from 'node:crypto';
import {
  createVault,
  importVaultKey,
  openStore,
  resealStoredSecrets,
  resolveKeyProvider,
  sealedKeyCounts,
  type VaultKeys,
  writeKeyFile,
} from '@conn/store';
import { runningServers } from '../running-servers';
import { loadServerConfig } from '../server-config';
import { OperatorCommandError } from './operator-command-error';

/** What `conn-server rotate-key` takes; the server's own settings come from `env`. */
export interface RotateKeyOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  print: (text: string) => void;
}

/** What a rotation did (`--json`). Key ids only: never key material. */
export interface RotateKeyReport {
  readonly key_provider: 'env' | 'file' | 'generated';
  readonly key_id: string;
  /** True when a rotation an earlier run started (and did not finish) was carried on. */
  readonly resumed: boolean;
  readonly resealed: number;
  readonly unopenable: number;
  /** Older keys no stored value needs any more: dropped from the key file, or to drop from the variable. */
  readonly retired_key_ids: readonly string[];
}

/**
 * `conn-server rotate-key`: seals every stored secret again under a new key.
 *
 * With a key file (the generated one or `CONN_CREDENTIAL_KEY_FILE`): a new key
 * is put first in the file with the old ones kept behind it, every value is
 * re-sealed under it, and only once none is left under an old key are the old
 * keys removed from the file. Each step leaves a file that opens everything,
 * so an interrupted run is finished by running it again (a file holding
 * several keys is a rotation in progress: it is resumed, not restarted). The
 * servers on the data directory must be stopped, since they hold the key in
 * memory.
 *
 * With `CONN_CREDENTIAL_KEY` the operator supplies the new key (first, the old
 * one after it) and restarts the servers; this command then re-seals (servers
 * may keep running) and says when the old key can be dropped.
 *
 * @example
 * await rotateKeyCommand({ env: process.env, print: (t) => process.stdout.write(t) });
 */
export async function rotateKeyCommand(options: RotateKeyOptions): Promise<RotateKeyReport> {
  const config = loadServerConfig(options.env, options.cwd ?? process.cwd());
  const resolved = await resolveKeyProvider({ env: config.keyEnv, dataDir: config.dataDir });
  if (resolved.provider === null) throw new Error('unreachable: a data directory is always set');
  const print = options.print;
  let keys: VaultKeys = resolved.keys;
  const resumed = resolved.provider !== 'env' && keys.previous.length > 0;

  if (resolved.provider === 'env') {
    if (keys.previous.length === 0) {
      throw new OperatorCommandError(
        'key_not_rotatable',
        'The credential key comes from CONN_CREDENTIAL_KEY, which conn-server cannot change. ' +
          'Generate a new key (openssl rand -base64 32), set CONN_CREDENTIAL_KEY to the new key, ' +
          'a comma, and the current key, restart the servers, then run conn-server rotate-key again.',
      );
    }
  } else {
    const running = await runningServers(config.dataDir);
    if (running.length > 0) {
      throw new OperatorCommandError(
        'server_running',
        `A server is running on ${config.dataDir} (${running.map((r) => `${r.host}, process ${r.pid}`).join('; ')}). ` +
          'Stop it first: it holds the current key in memory and would keep sealing with it.',
      );
    }
    if (resumed) {
      print(
        `Resuming the rotation to credential key ${keys.primary.id}: ` +
          `${keys.previous.map((k) => k.id).join(', ')} still kept.\n`,
      );
    } else {
      const fresh = randomBytes(32);
      const next = importVaultKey(fresh);
      fresh.fill(0);
      keys = { primary: next, previous: [keys.primary] };
      await writeKeyFile(resolved.location, [keys.primary, ...keys.previous]);
      print(
        `New credential key ${next.id} added to ${resolved.location}; ` +
          `key ${keys.previous[0]?.id} is kept until every credential is re-sealed.\n`,
      );
    }
  }

  const store = openStore({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    const report = await resealStoredSecrets(store, createVault(keys));
    const resealed = Object.values(report.resealed).reduce((sum, n) => sum + n, 0);
    print(
      `Re-sealed ${resealed} stored secret${resealed === 1 ? '' : 's'} under key ${keys.primary.id} ` +
        `(${report.resealed.credentials} connection credential${report.resealed.credentials === 1 ? '' : 's'}).\n`,
    );
    const counts = await sealedKeyCounts(store);
    const old = keys.previous.map((key) => key.id);
    const left = old.reduce((sum, id) => sum + (counts[id] ?? 0), 0);
    if (left > 0) {
      throw new OperatorCommandError(
        'rotation_incomplete',
        `${left} stored secret${left === 1 ? ' is' : 's are'} still sealed under ${old.join(', ')} ` +
          '(changed while re-sealing). Nothing is lost: run conn-server rotate-key again.',
      );
    }
    if (report.unopenable > 0) {
      print(
        `${report.unopenable} stored secret${report.unopenable === 1 ? '' : 's'} could not be opened by any key held ` +
          'here (sealed under a lost key, or damaged); they were left as they are. Their owners reconnect.\n',
      );
    }
    if (resolved.provider === 'env') {
      print(
        `No stored secret is sealed under ${old.join(', ')} any more: set CONN_CREDENTIAL_KEY to the new key ` +
          'alone and restart the servers.\n',
      );
    } else {
      await writeKeyFile(resolved.location, [keys.primary]);
      print(
        `Retired key ${old.join(', ')}: ${resolved.location} now holds key ${keys.primary.id} only. ` +
          'Back up this key file now; backups made before the rotation need a copy of the old key file.\n',
      );
    }
    return {
      key_provider: resolved.provider,
      key_id: keys.primary.id,
      resumed,
      resealed,
      unopenable: report.unopenable,
      retired_key_ids: old,
    };
  } finally {
    await store.close();
  }
}

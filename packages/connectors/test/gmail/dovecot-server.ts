import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { makeTestCertificate, trustCertificate } from './test-certificate';

const dovecotBinary = '/usr/sbin/dovecot';

/** What one IMAP session did, counted in dovecot's raw log of what it sent. */
export interface SessionStats {
  user: string;
  /** Messages whose envelope the server sent (one untagged FETCH with ENVELOPE each). */
  fetchHeaders: number;
  /** Body parts the server sent (untagged FETCH responses with a BODY[…] or BINARY[…] section). */
  fetchBodies: number;
}

/** A dovecot IMAPS server on a loopback port, its mail in a temp dir. */
export interface DovecotServer {
  host: string;
  port: number;
  /**
   * Adds a user, or changes a user's password. Resolves once dovecot will see
   * it: its passwd-file is checked for changes at most once a second.
   */
  setPassword(user: string, password: string): Promise<void>;
  /** APPENDs a raw RFC 822 message as `user` into `mailbox` (created when missing); resolves its UID. */
  append(user: string, mailbox: string, raw: string, flags?: string[]): Promise<number>;
  /** Deletes and recreates a mailbox, which gives it a new UIDVALIDITY. */
  recreateMailbox(user: string, mailbox: string): Promise<void>;
  /** Every session of `user` so far, oldest first. */
  sessions(user: string): SessionStats[];
  logTail(): string;
  stop(): Promise<void>;
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Installs Debian's dovecot-imapd when it is missing (CI runs as root on a fresh machine). */
function ensureDovecot(): void {
  if (existsSync(dovecotBinary)) return;
  const install = () =>
    // Test files start in parallel: a second install waits for the first one's dpkg lock.
    spawnSync(
      'apt-get',
      ['install', '-y', '-q', '-o', 'DPkg::Lock::Timeout=180', 'dovecot-imapd'],
      {
        stdio: 'pipe',
        timeout: 240_000,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      },
    );
  let result = install();
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'pipe', timeout: 120_000 });
    result = install();
  }
  if (!existsSync(dovecotBinary)) {
    throw new Error(`dovecot-imapd could not be installed: ${String(result.stderr).slice(-2000)}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await withDeadline(
    new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    5_000,
    'finding a free port',
  );
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function idOf(name: string): number {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8', timeout: 5_000 });
  const id = Number(result.stdout.trim());
  if (!Number.isInteger(id)) throw new Error(`no system user ${name}`);
  return id;
}

/**
 * Starts dovecot in the foreground (`dovecot -F -c <dir>/dovecot.conf`) with
 * its own config, state, mail and log in a temp dir: IMAPS only, on a free
 * loopback port, with a certificate made here and trusted by this process.
 * Users live in a passwd-file; `All` is the `\All` special-use mailbox for a
 * user who creates one. Every wait has a deadline; `stop` kills the child.
 *
 * @example
 * const dovecot = await startDovecot();
 * dovecot.setPassword('me@example.com', 'app-password');
 */
export async function startDovecot(): Promise<DovecotServer> {
  if (userInfo().uid !== 0) throw new Error('the dovecot tests run as root');
  ensureDovecot();
  // Short: dovecot's unix sockets under base_dir must fit in 108 bytes.
  const dir = mkdtempSync('/tmp/dc-');
  spawnSync('chmod', ['755', dir]);
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  const mailUid = idOf('dovecot');
  chownSync(mailDir, mailUid, mailUid);
  const certificate = makeTestCertificate(dir);
  trustCertificate(certificate.pem);
  const rawlogDir = join(dir, 'rawlog');
  mkdirSync(rawlogDir);
  const usersPath = join(dir, 'users');
  const logPath = join(dir, 'dovecot.log');
  const passwords = new Map<string, string>();
  // Each rewrite moves the mtime on, so dovecot sees a change even within one second.
  let usersStamp = Math.floor(Date.now() / 1000);
  const writeUsers = () => {
    const lines = [...passwords].map(([user, password]) => `${user}:{PLAIN}${password}::::::`);
    writeFileSync(usersPath, `${lines.join('\n')}\n`, { mode: 0o644 });
    usersStamp += 2;
    utimesSync(usersPath, usersStamp, usersStamp);
  };
  writeUsers();
  const port = await freePort();
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = conn-test-${port}
listen = 127.0.0.1
protocols = imap
log_path = ${logPath}
info_log_path = ${logPath}
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = ${mailUid}
ssl = required
ssl_cert = <${certificate.certPath}
ssl_key = <${certificate.keyPath}
auth_mechanisms = plain login
auth_failure_delay = 0
login_trusted_networks = 127.0.0.0/8
mail_location = maildir:${mailDir}/%u
protocol imap {
  rawlog_dir = ${rawlogDir}/%u
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${usersPath}
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailUid} home=${mailDir}/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox All {
    special_use = \\All
  }
  mailbox Trash {
    special_use = \\Trash
  }
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    port = ${port}
  }
}
`,
  );
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const logTail = () => {
    const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    return `${output}\n${log}`.slice(-4000);
  };
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await withDeadline(exited, 5_000, 'dovecot stopping').catch(() => {
        child.kill('SIGKILL');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const started = Date.now();
  while (!(await portOpen(port))) {
    if (child.exitCode !== null || Date.now() - started > 20_000) {
      const tail = logTail();
      await stop();
      throw new Error(`dovecot did not open 127.0.0.1:${port}:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const asUser = async <T>(user: string, work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: true,
      auth: { user, pass: passwords.get(user) ?? '' },
      logger: false,
      connectionTimeout: 5_000,
      socketTimeout: 10_000,
    });
    client.on('error', () => {});
    try {
      await withDeadline(client.connect(), 10_000, 'seeding login');
      return await withDeadline(work(client), 10_000, 'seeding');
    } catch (error) {
      const text = (error as { responseText?: string }).responseText ?? '';
      throw new Error(
        `seeding as ${user} failed: ${(error as Error).message} ${text}\n${logTail()}`,
      );
    } finally {
      await withDeadline(client.logout(), 3_000, 'seeding logout').catch(() => {});
      client.close();
    }
  };

  const sessions = (user: string): SessionStats[] => {
    const userLog = join(rawlogDir, user);
    if (!existsSync(userLog)) return [];
    return readdirSync(userLog)
      .filter((name) => name.endsWith('.out'))
      .map((name) => join(userLog, name))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
      .map((path) => {
        const lines = readFileSync(path, 'latin1').split('\n');
        // Each raw-log line may start with its timestamp.
        const fetches = lines.filter((line) => /^(?:[0-9.]+ )?\* \d+ FETCH /.test(line));
        return {
          user,
          fetchHeaders: fetches.filter((line) => line.includes('ENVELOPE')).length,
          fetchBodies: fetches.filter((line) => /(?:BODY|BINARY)\[/.test(line)).length,
        };
      });
  };

  return {
    host: '127.0.0.1',
    port,
    async setPassword(user, password) {
      // The raw log of a user's sessions is kept only where its folder exists.
      const userLog = join(rawlogDir, user);
      if (!existsSync(userLog)) {
        mkdirSync(userLog);
        chownSync(userLog, mailUid, mailUid);
      }
      passwords.set(user, password);
      writeUsers();
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    },
    append: (user, mailbox, raw, flags = []) =>
      asUser(user, async (client) => {
        if (mailbox !== 'INBOX') await client.mailboxCreate(mailbox).catch(() => {});
        const appended = await client.append(mailbox, raw, flags);
        if (appended === false || appended.uid === undefined) throw new Error('APPEND gave no UID');
        return appended.uid;
      }),
    recreateMailbox: (user, mailbox) =>
      asUser(user, async (client) => {
        await client.mailboxDelete(mailbox);
        await client.mailboxCreate(mailbox);
      }),
    sessions,
    logTail,
    stop,
  };
}

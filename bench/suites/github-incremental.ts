import { startFakeGithub } from '../../packages/connectors/test/github/fake-github';
import type { BenchDatabase } from '../bench-database';
import { startBenchServer } from '../bench-server';
import type { BenchFigure } from '../report';

const pages = 45;
const token = 'ghp_benchmarkIncrementalToken000000000000';

type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** Waits until the connection's newest run is over, and resolves it. */
async function runOver(call: Call, id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { items } = (await call('GET', `/v1/owner/connections/${id}/runs?limit=1`)) as {
      items: Array<Record<string, unknown>>;
    };
    const run = items[0];
    if (run !== undefined && run.status !== 'queued' && run.status !== 'running') return run;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * A GitHub account with 45 pages of repositories, synced by a real server:
 * the first sync reads every page; "sync now" with nothing new sends each
 * list's stored ETag and GitHub's 304 ends it (bar: ≤ 0.1× the first sync's
 * provider requests).
 */
export async function githubIncrementalSuite(options: {
  db: BenchDatabase;
}): Promise<BenchFigure[]> {
  const github = await startFakeGithub({ token, repositoryPages: Array(pages).fill(100) });
  const bench = await startBenchServer(options.db, 'conn-bench-incremental-');
  const call: Call = async (method, path, body) => {
    const response = await fetch(`${bench.server.url}${path}`, {
      method,
      // A bodiless POST carries no JSON content type (an empty JSON body is refused).
      headers: body === undefined ? { authorization: bench.auth.authorization ?? '' } : bench.auth,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await response.json()) as Record<string, unknown>;
  };
  try {
    const draft = await call('POST', '/v1/owner/connections/drafts', {
      connector: 'github',
      fields: { api_url: github.apiUrl },
    });
    const id = draft.connection_id as string;
    const before = github.requests.length;
    await call('PUT', `/v1/owner/connections/${id}/credential`, { token });
    const first = await runOver(call, id);
    if (first.status !== 'succeeded')
      throw new Error(`the first sync ended ${String(first.status)}`);
    const firstRequests = github.requests.length - before;
    const probeAndFirst = github.requests.length;
    await call('POST', `/v1/owner/connections/${id}/sync`);
    const second = await runOver(call, id);
    if (second.status !== 'succeeded')
      throw new Error(`the second sync ended ${String(second.status)}`);
    const secondRequests = github.requests.length - probeAndFirst;
    const ratio = secondRequests / firstRequests;
    process.stderr.write(
      `bench: github-incremental: first sync (with the probe) ${firstRequests} requests, ${String(first.records_accepted)} records; nothing new ${secondRequests} requests, ${String(second.records_accepted)} records\n`,
    );
    return [
      {
        suite: 'github-incremental',
        name: `sync with nothing new / first sync of ${pages} pages (with its probe), provider requests`,
        measure: 'requests ratio',
        value: ratio,
        unit: '×',
        baseline: firstRequests,
        bar: '≤ 0.1×',
        pass: ratio <= 0.1 && second.records_accepted === 0,
      },
    ];
  } finally {
    await bench.dispose();
    await github.close();
  }
}

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A notes service on a free loopback port: `/me` and `/notes?page=N`, two notes a page. */
export interface FakeNotesApi {
  url: string;
  /** Every path asked for, in order. */
  paths: string[];
  close(): Promise<void>;
}

export async function startFakeNotesApi(options: {
  token: string;
  notes: number;
}): Promise<FakeNotesApi> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    paths.push(`${url.pathname}${url.search}`);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return send(401, { message: 'bad token' });
    }
    if (url.pathname === '/me') return send(200, { id: 7, username: 'ada', plan: 'free' });
    if (url.pathname === '/notes') {
      const page = Number(url.searchParams.get('page') ?? '1');
      const ids = [page * 2 - 1, page * 2].filter((id) => id <= options.notes);
      return send(200, {
        notes: ids.map((id) => ({ id, title: `Note ${id}`, text: `The text of note ${id}.` })),
        next_page: page * 2 < options.notes ? page + 1 : null,
      });
    }
    send(404, { message: 'not found' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

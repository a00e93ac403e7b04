/**
 * A local OpenAI-compatible HTTP server for tests (a test double of a remote API we cannot call here). Each
 * request is answered by the next scripted step; unscripted requests get a normal completion. It records
 * every request (path, headers, body) so tests can assert what the real `openai` client sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How to answer one request. */
export type Step =
  | { kind: 'ok'; choices?: number; text?: (index: number) => string }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'raw'; status: number; contentType: string; body: string }
  | { kind: 'drop' };

/** A request as the server saw it. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  at: number;
}

/** A running fake server. */
export interface FakeOpenAiServer {
  baseUrl: string;
  seen: SeenRequest[];
  script: Step[];
  close(): Promise<void>;
}

function completion(
  path: string,
  body: Record<string, unknown>,
  count: number,
  text: (i: number) => string,
): unknown {
  const choices = Array.from({ length: count }, (_, index) =>
    path.endsWith('/chat/completions')
      ? { index, message: { role: 'assistant', content: text(index) }, finish_reason: 'stop' }
      : { index, text: text(index), finish_reason: 'stop' },
  );
  return { id: 'cmpl-test', object: 'chat.completion', created: 0, model: body.model, choices };
}

/** What an unscripted request is answered with: choice `index` for the request body. */
export type Answerer = (body: Record<string, unknown>, index: number) => string;

/** Start a server on 127.0.0.1 with a random port. */
export async function startFakeOpenAiServer(
  script: Step[] = [],
  answer?: Answerer,
): Promise<FakeOpenAiServer> {
  const seen: SeenRequest[] = [];
  const state = { script };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const path = request.url ?? '';
      seen.push({ path, headers: request.headers, body, at: Date.now() });
      const step = state.script.shift() ?? { kind: 'ok' };
      const n = typeof body.n === 'number' ? body.n : 1;
      const prompt = JSON.stringify(body.messages ?? body.prompt);
      const defaultText = (i: number): string =>
        answer === undefined ? `answer ${i} to ${prompt.length} chars` : answer(body, i);
      switch (step.kind) {
        case 'ok': {
          const payload = completion(path, body, step.choices ?? n, step.text ?? defaultText);
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
          return;
        }
        case 'status':
          response
            .writeHead(step.status, { 'content-type': 'application/json', ...step.headers })
            .end(
              step.body ?? JSON.stringify({ error: { message: `scripted ${step.status}`, type: 'test' } }),
            );
          return;
        case 'slow': {
          const timer = setTimeout(() => {
            const payload = completion(path, body, n, defaultText);
            if (!response.destroyed)
              response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
          }, step.delayMs);
          response.on('close', () => clearTimeout(timer));
          return;
        }
        case 'raw':
          response.writeHead(step.status, { 'content-type': step.contentType }).end(step.body);
          return;
        case 'drop':
          request.socket.destroy();
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    seen,
    get script() {
      return state.script;
    },
    set script(value: Step[]) {
      state.script = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

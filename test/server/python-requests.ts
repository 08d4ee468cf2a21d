// Runs PGPool clients' calls with Python's real `requests` (test/helpers/pgpool_client.py) against
// a test server, and gives back each answer as the client's code sees it. One Python process per
// test file answers every batch in turn: its start and `import requests` cost ~0.7 s of CPU, paid
// 16 times in python-clients.test.ts when each batch started its own (stop 47).
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../helpers/cli.js';
import { afterEveryFile } from '../helpers/cleanup.js';
import type { TestServer } from './helpers.js';
import { pythonPath } from '../helpers/python.js';

const SCRIPT = join(ROOT, 'test/helpers/pgpool_client.py');

/**
 * `get`: requests.get(url, params=...); `post` with `data`: requests.post(url, data=json.dumps(data)),
 * what the scanners post; with `form`: requests.post(url, data=dict), a url-encoded form; with
 * `json`: requests.post(url, json=...), JSON with its Content-Type; with `multipart`:
 * requests.post(url, files=...), multipart/form-data, `files` as file parts.
 */
export type Step =
  | { get: string; params: Record<string, unknown> }
  | { post: string; data: unknown; nan?: string[] }
  | { post: string; form: Record<string, string> }
  | { post: string; json: unknown }
  | { post: string; multipart: Record<string, string>; files?: Record<string, string> };

export interface PyAnswer {
  status: number;
  content_type: string | null;
  text: string;
  json: any;
  is_json: boolean;
  url: string;
}

interface Client {
  child: ChildProcess;
  /** The batches sent and not yet answered, oldest first: the script answers in order. */
  waiting: { resolve: (answers: PyAnswer[]) => void; reject: (error: Error) => void }[];
  stderr: string;
}
let client: Client | undefined;

function startClient(): Client {
  const child = spawn(pythonPath(), [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const started: Client = { child, waiting: [], stderr: '' };
  child.stderr!.on('data', (c: Buffer) => (started.stderr += c.toString('utf8')));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const reply = JSON.parse(line) as { answers: PyAnswer[] } | { error: string };
    const next = started.waiting.shift();
    if ('error' in reply) next?.reject(new Error(`pgpool_client.py: ${reply.error}`));
    else next?.resolve(reply.answers);
  });
  const fail = (error: Error) => {
    if (client === started) client = undefined;
    for (const next of started.waiting.splice(0)) next.reject(error);
  };
  child.on('error', fail);
  child.stdin!.on('error', fail); // EPIPE after the script died: its close says why
  child.on('close', (code) => fail(new Error(`pgpool_client.py exited ${code}: ${started.stderr}`)));
  return started;
}

// Ended after every file: the next file (isolate: false, the same worker) starts its own when it asks.
afterEveryFile(async () => {
  const ending = client;
  client = undefined;
  if (!ending || ending.child.exitCode !== null) return;
  const closed = new Promise((resolve) => ending.child.once('close', resolve));
  ending.child.stdin!.end();
  await closed;
});

/** Runs the steps with Python's `requests` against the server (at `base`), one answer per step. */
export function python(s: TestServer, steps: Step[], base = s.url): Promise<PyAnswer[]> {
  client ??= startClient();
  const { child, waiting } = client;
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    child.stdin!.write(`${JSON.stringify({ base, steps })}\n`);
  });
}

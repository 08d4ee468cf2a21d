// Runs PGPool clients' calls with Python's real `requests` (test/helpers/pgpool_client.py) against
// a test server, and gives back each answer as the client's code sees it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import type { TestServer } from './helpers.js';

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

/** Runs the steps with Python's `requests` against the server (at `base`), one answer per step. */
export function python(s: TestServer, steps: Step[], base = s.url): Promise<PyAnswer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [SCRIPT, base], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`pgpool_client.py exited ${code}: ${err}`));
      else resolve(out.trim().split('\n').map((line) => JSON.parse(line) as PyAnswer));
    });
    child.stdin.end(JSON.stringify(steps));
  });
}

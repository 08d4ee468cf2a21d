/*
 * The protocol between the `command` checker and the operator's checking program
 * (the process side is in command.ts). This text is docs/checkers.md's.
 *
 * The program is started with the configured argv (no shell), working folder and environment
 * (the configured variables added to accountpool's own environment).
 *   stdin:  one JSON object per account, one per line, then stdin is closed:
 *             {"username":"ash1","password":"...","provider":"ptc","level":30,
 *              "device":{"model":"iPhone9,3","ios":"10.3.3","id":"<32 hex>"}}
 *           ("device" only when the account has one). Passwords travel on stdin only, never in
 *           argv or the environment, where other local users could read them.
 *   stdout: one JSON object per line, in any order, one per account:
 *             {"username":"ash1","verdict":"ok","level":31,"detail":"free text"}
 *           verdict: ok | temp_banned | perm_banned | warned | blind | invalid (= wrong
 *           password). Optional: "level" (whole number >= 0, the level the program saw) and
 *           "detail" (text, kept as given, so never put a password in it); a malformed level or
 *           detail is dropped, the verdict still counts. Usernames match case-insensitively.
 *           Blank lines are ignored; the first line for an account counts. To skip an account
 *           the program could not check (proxy down...), print nothing for it.
 *   stderr: passed through to the operator's terminal (or discarded); never parsed.
 *   exit:   0 when done. Answers printed before a failure still count.
 *
 * Parallelism: with concurrency N the accounts are split, in order, into up to N chunks of
 * near-equal size (never more chunks than accounts), one process per chunk, all started at once.
 * Time limit: each process may run min(perAccountTimeoutMs x its chunk size, runTimeoutMs)
 * counted from its start (defaults: 30 s per account, 300 s at most), so a whole check ends
 * within runTimeoutMs. At the limit its whole process group is killed with SIGKILL.
 * An account without a valid answer gets an error, never a verdict, and is only skipped this
 * time: timeout ("checker timed out"), crash ("checker exited with code N", "checker killed by
 * SIGNAL"), no line or only unreadable lines for it ("checker gave no answer (...)"), a verdict
 * outside the list ("checker gave an unknown verdict"), a program that cannot be started
 * ("cannot start checker "prog": ENOENT"), a cancelled run ("check aborted"). Error texts are
 * built from fixed words, exit codes and the program's name: never from the program's output
 * or from the accounts, so they never hold a password.
 */
import { keyOf } from '../model.js';
import { VERDICTS, type CheckRequest, type CheckResult, type Verdict } from './types.js';

/** A line longer than this is garbage, not an answer; it must not grow our memory without bound. */
export const MAX_LINE_CHARS = 1 << 20;
const MAX_DETAIL_CHARS = 1000;

/** Exactly the protocol's fields: a caller passing whole Account records must not leak the rest. */
export function requestLine({ username, password, provider, level, device }: CheckRequest): string {
  const out: CheckRequest = { username, password, provider, level };
  if (device) out.device = { model: device.model, ios: device.ios, id: device.id };
  return JSON.stringify(out) + '\n';
}

export type Answer = { key: string; result: Omit<CheckResult, 'username'> };

/** The answer one stdout line gives (keyed by the case-folded username), or undefined when it is no answer at all. */
export function readAnswer(line: string): Answer | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.username !== 'string') return undefined;
  // The bad verdict itself is not quoted back: it is the program's output and could hold anything.
  if (!(VERDICTS as readonly unknown[]).includes(o.verdict)) return { key: keyOf(o.username), result: { error: 'checker gave an unknown verdict' } };
  const result: Omit<CheckResult, 'username'> = { verdict: o.verdict as Verdict };
  if (typeof o.level === 'number' && Number.isInteger(o.level) && o.level >= 0) result.level = o.level;
  if (typeof o.detail === 'string' && o.detail.length > 0) result.detail = o.detail.slice(0, MAX_DETAIL_CHARS);
  return { key: keyOf(o.username), result };
}

/**
 * Splits a stream's text into lines. A line over MAX_LINE_CHARS is reported once as `onOverlong`
 * and dropped up to its end; `end()` hands over a last line that lacks its newline.
 */
export class LineSplitter {
  private pending = '';
  private skipping = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
  ) {}

  push(text: string): void {
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    for (const line of parts) {
      if (this.skipping) this.skipping = false;
      else this.onLine(line);
    }
    if (this.pending.length > MAX_LINE_CHARS) {
      if (!this.skipping) this.onOverlong();
      this.pending = '';
      this.skipping = true;
    }
  }

  end(): void {
    if (!this.skipping && this.pending !== '') this.onLine(this.pending);
    this.pending = '';
  }
}

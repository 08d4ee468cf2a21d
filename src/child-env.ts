// The environment of every program accountpool starts: a checker, an alert's command, git (and
// what git runs in turn: hooks, ssh, a credential helper, a merge driver) and git-crypt. Each gets
// accountpool's own environment without its secrets: `serve`'s token (ACCOUNTPOOL_TOKEN, also read
// by `dashboard`) opens every account of the pool to whoever holds it, and these programs are
// often third-party code that logs, reports or forwards its environment (a webhook script's
// `env` in an error mail, ssh's SendEnv). None of them needs it: the hooks and the merge driver
// `init --git` installs are accountpool itself, which reads no token outside `serve`/`dashboard`.
// Until stop 54 only the checker was spared it; an alert command run by `serve` got the token.

/** Variables never passed to a child process. */
export const SECRET_VARIABLES: readonly string[] = ['ACCOUNTPOOL_TOKEN'];

/** `process.env` without the secrets, then `extra` (a caller's own settings for that program) over it. */
export function childEnv(extra?: NodeJS.ProcessEnv | Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SECRET_VARIABLES) delete env[name];
  return extra ? Object.assign(env, extra) : env;
}

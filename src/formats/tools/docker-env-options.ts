// The variables a `docker run` command's `-e` / `--env` options set. Docker's flags (spf13/pflag, as
// docker/cli `opts.ListOpts` for `--env`) take the value as the next word (`-e NAME=x`, `--env NAME=x`),
// after `=` (`--env=NAME=x`) or glued to the short form (`-eNAME=x`). `-e NAME` alone passes the
// variable from the shell running docker: its value is not in the file.

export interface DockerEnvOption {
  name: string;
  /** Undefined for `-e NAME` alone. */
  value?: string;
}

/** The `-e` settings among a command's first `end` words, in order (a later one of a name wins, as docker has it). */
export function dockerEnvOptions(words: string[], end = words.length): DockerEnvOption[] {
  const out: DockerEnvOption[] = [];
  for (let k = 0; k < end; k++) {
    const w = words[k]!;
    const given = w === '-e' || w === '--env' ? words[++k] : /^--env=(.*)$/s.exec(w)?.[1] ?? /^-e(.+)$/s.exec(w)?.[1];
    if (given === undefined) continue;
    const eq = given.indexOf('=');
    out.push(eq < 0 ? { name: given } : { name: given.slice(0, eq), value: given.slice(eq + 1) });
  }
  return out;
}

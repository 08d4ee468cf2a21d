// Preloaded into a benchmarked command (node --import): when it exits, appends one JSON line to
// the file named by BENCH_STATS_FILE with the process's peak RSS (KiB), the CPU time it used (µs,
// user + system, this process only: on a busy machine it moves far less than the wall time) and
// its I/O counters from /proc/self/io (Linux), so the bench measures the whole process as a user
// runs it.
//
// /proc/self/io covers every thread of the process (libuv's pool does the file writes) and every
// child it has waited for (git, a checker program). `write_bytes` counts the bytes of page-cache
// pages this process dirtied: what will reach the disk, in whole 4 KiB pages, however many small
// write() calls made them. `wchar` counts bytes passed to write() and friends, pipes and the
// terminal included; `cancelled_write_bytes` what was dirtied and then truncated or deleted
// before it reached the disk.
import { appendFileSync, readFileSync } from 'node:fs';

function io() {
  try {
    return Object.fromEntries(
      readFileSync('/proc/self/io', 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.split(': '))
        .map(([key, value]) => [key, Number(value)]),
    );
  } catch {
    return {}; // not Linux: no I/O numbers
  }
}

/**
 * CPU µs (user + system) of the children this process waited for (git's, a checker's), from
 * /proc/self/stat's cutime and cstime (fields 16 and 17, in USER_HZ ticks: 100 a second on
 * Linux); undefined elsewhere. resourceUsage counts this process alone.
 */
function childrenCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
    return (Number(fields[13]) + Number(fields[14])) * 10_000;
  } catch {
    return undefined;
  }
}

process.on('exit', () => {
  const usage = process.resourceUsage();
  if (process.env.BENCH_STATS_FILE) appendFileSync(process.env.BENCH_STATS_FILE, `${JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime, childCpu: childrenCpu(), ...io() })}\n`);
});

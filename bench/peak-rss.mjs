// Preloaded into a benchmarked command (node --import): writes the process's peak RSS in KiB
// to the file named by BENCH_RSS_FILE when it exits, so the bench measures the whole process.
import { appendFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});

// The words for running out of file descriptors, in one place for the two that say them:
// bin/accountpool.js, when Node's loader ran out opening the CLI's own code (no line of it loaded
// yet), and src/open-files-limit.ts once the CLI runs (esbuild bundles this file in; serve's
// connection cap names the same remedy). Here, beside the bin, and plain JavaScript: not in src/
// (an installed package has none: its absence is what tells the bin it is installed) nor in dist/
// (in a checkout the bin builds dist/ itself, after it starts). The bin imports it with its own
// first imports, so it is loaded before any descriptor can be short. CommonJS (bin/package.json),
// as the bin is: an ES module would start Node's ES module loader in every start (docs/scale-log.md,
// stop 63 S2); esbuild bundles it into the CLI's code either way.

/** What to do about this process's low limit on open files. */
const RAISE_FILES_LIMIT = 'raise the limit (`ulimit -n 4096` in the shell or script that starts it, or LimitNOFILE= of its systemd service)';

/** The line for an EMFILE (this process's limit, `limit` where known) or an ENFILE (the system's). */
function outOfFilesWords(code, limit) {
  if (code === 'ENFILE') return 'the system ran out of open files (ENFILE): run the command again once other programs closed theirs, or raise fs.file-max';
  const at = limit === undefined ? '' : ` of ${limit}`;
  return `this process ran out of file descriptors (EMFILE: too many open files, under its limit${at}, \`ulimit -n\`): ${RAISE_FILES_LIMIT} and run the command again`;
}

let reported;
/**
 * The soft limit on open files as the kernel says it (getrlimit) through Node's diagnostic report,
 * which opens nothing: for when no descriptor is left to read /proc/self/limits with. ~17 ms, on
 * the way out only; kept, as one command may name the limit for many files (`watch --once`, each
 * dump left waiting). Network lookups of open sockets (serve) are left out of the report.
 */
function reportedFilesLimit() {
  if (reported !== undefined) return reported;
  try {
    process.report.excludeNetwork = true;
    const soft = process.report.getReport().userLimits?.open_files?.soft;
    if (typeof soft === 'number' && soft > 0) reported = soft;
  } catch {
    // no report on this build of Node: the limit goes unnamed
  }
  return reported;
}

module.exports = { RAISE_FILES_LIMIT, outOfFilesWords, reportedFilesLimit };

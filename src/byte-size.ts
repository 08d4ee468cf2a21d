// A size in bytes as an operator reads it. `max_dump_size` is set in bytes (its default is written
// `max_dump_size: 52428800`, 50 MB): a refusal that says "over 52428800 bytes" makes the reader
// count digits, so a limit that is a whole number of MB or KB is said so ("50 MB"), and a size
// under a limit in the same unit. Other values stay exact bytes: a limit set to 20000 reads as set.

const KB = 1024;
const MB = 1024 * 1024;

/** A limit: `50 MB` or `64 KB` where it is a whole number of them, else `20000 bytes`. */
export function limitText(bytes: number): string {
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes >= KB && bytes % KB === 0) return `${bytes / KB} KB`;
  return `${bytes} bytes`;
}

/** A size measured against `limit`: in MB (one decimal) where the limit is said in MB, else in bytes. */
export function sizeText(bytes: number, limit: number): string {
  if (limit >= MB && limit % MB === 0) return `${(Math.floor((bytes / MB) * 10) / 10).toFixed(1)} MB`;
  return `${bytes} bytes`;
}

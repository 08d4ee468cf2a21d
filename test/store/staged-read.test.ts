// readAllSync (staged-read.ts) gives what readFileSync gives, for files below, at and far above
// its 256 KB stage, empty ones, and a file that ends sooner than it is read (a cut since the open).
import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readAllSync } from '../../src/store/staged-read.js';

function withFile<T>(bytes: Buffer, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'staged-read-'));
  try {
    const file = join(dir, 'f');
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readAll(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    return readAllSync(fd);
  } finally {
    closeSync(fd);
  }
}

describe('readAllSync', () => {
  it('reads every byte of a file of any size, as readFileSync does', () => {
    for (const size of [0, 1, 4095, 4096, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 3 * 256 * 1024 + 17, 5_000_000]) {
      const bytes = randomBytes(size);
      withFile(bytes, (file) => {
        const read = readAll(file);
        expect(read.length, `size ${size}`).toBe(size);
        expect(read.equals(readFileSync(file)), `size ${size}`).toBe(true);
      });
    }
  });

  it('a file cut shorter after it was opened is read to its new end', () => {
    const bytes = randomBytes(600 * 1024);
    withFile(bytes, (file) => {
      const fd = openSync(file, 'r');
      try {
        truncateSync(file, 300_000);
        const read = readAllSync(fd);
        expect(read.equals(bytes.subarray(0, 300_000))).toBe(true);
      } finally {
        closeSync(fd);
      }
    });
  });
});

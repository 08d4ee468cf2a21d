// readAllSync (staged-read.ts) gives what readFileSync gives, for files below, at and far above
// its 256 KB stage, empty ones, and a file that ends sooner than it is read (a cut since the open);
// holdsSync (the fold's check that a shard holds the bytes it wrote) says yes only for those exact bytes.
import { describe, expect, it } from 'vitest';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { holdsSync, readAllSync } from '../../src/store/staged-read.js';

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

/** `use` of `file` opened for reading, closed after. */
function withOpen<T>(file: string, use: (fd: number) => T): T {
  const fd = openSync(file, 'r');
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}

const readAll = (file: string) => withOpen(file, readAllSync);

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
    withFile(bytes, (file) =>
      withOpen(file, (fd) => {
        truncateSync(file, 300_000);
        expect(readAllSync(fd).equals(bytes.subarray(0, 300_000))).toBe(true);
      }),
    );
  });

  it('given the size its caller stat-ed (shard-open.ts, own-file.ts), reads as much, or to the end of a file cut since; 0 reads to the end', () => {
    const bytes = randomBytes(600 * 1024);
    withFile(bytes, (file) =>
      withOpen(file, (fd) => {
        const size = fstatSync(fd).size;
        expect(readAllSync(fd, size).equals(bytes)).toBe(true);
        expect(readAllSync(fd, 0).equals(bytes)).toBe(true);
        truncateSync(file, 300_000);
        expect(readAllSync(fd, size).equals(bytes.subarray(0, 300_000))).toBe(true);
        expect(holdsSync(fd, bytes.subarray(0, 300_000), size)).toBe(false);
      }),
    );
  });
});

describe('holdsSync', () => {
  const holds = (file: string, expected: Buffer) => withOpen(file, (fd) => holdsSync(fd, expected));

  it('is true for the exact bytes only: one byte changed in any chunk, one more or one fewer, is false', () => {
    for (const size of [0, 1, 256 * 1024, 3 * 256 * 1024 + 17]) {
      const bytes = randomBytes(size);
      withFile(bytes, (file) => {
        expect(holds(file, bytes), `size ${size}`).toBe(true);
        expect(holds(file, Buffer.concat([bytes, Buffer.from('x')])), `size ${size}, expected one byte longer`).toBe(false);
        if (size === 0) return;
        expect(holds(file, bytes.subarray(0, size - 1)), `size ${size}, expected one byte shorter`).toBe(false);
        for (const at of [0, size - 1, Math.min(size - 1, 256 * 1024 + 5)]) {
          const other = Buffer.from(bytes);
          other[at] = other[at]! ^ 1;
          expect(holds(file, other), `size ${size}, byte ${at} changed`).toBe(false);
        }
      });
    }
  });

  it('a file that grew or was cut after its stat is not the bytes expected', () => {
    const bytes = randomBytes(600 * 1024);
    withFile(bytes, (file) =>
      withOpen(file, (fd) => {
        truncateSync(file, 300_000);
        expect(holdsSync(fd, bytes)).toBe(false);
        writeFileSync(file, Buffer.concat([bytes, Buffer.from('more')]));
        expect(holdsSync(fd, bytes)).toBe(false);
      }),
    );
  });
});

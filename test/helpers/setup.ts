// Evaluated again for every test file (vitest's setupFiles), even where the helpers' modules are
// shared: their cleanups (test/helpers/cleanup.ts) run for each file's tests.
import { afterAll, afterEach } from 'vitest';
import { runAfterFile, runAfterTest } from './cleanup.js';

afterEach(runAfterTest);
afterAll(runAfterFile);

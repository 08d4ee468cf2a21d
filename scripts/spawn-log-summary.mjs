#!/usr/bin/env node
// Sums a spawn log (ACCOUNTPOOL_TEST_SPAWN_LOG, test/helpers/spawn-log.ts): per test, the children
// it started and their CPU, grouped by command, largest first. Usage: node scripts/spawn-log-summary.mjs LOG [top]
import { readFileSync } from 'node:fs';

const [log, top = '8'] = process.argv.slice(2);
if (!log) {
  process.stderr.write('usage: node scripts/spawn-log-summary.mjs LOG [commands shown per test]\n');
  process.exit(2);
}
const tests = new Map();
for (const line of readFileSync(log, 'utf8').split('\n')) {
  if (!line) continue;
  const { file, test, command, cpu } = JSON.parse(line);
  const key = `${file} > ${test}`;
  const entry = tests.get(key) ?? { n: 0, cpu: 0, commands: new Map() };
  entry.n++;
  entry.cpu += cpu ?? 0;
  const c = entry.commands.get(command) ?? { n: 0, cpu: 0 };
  c.n++;
  c.cpu += cpu ?? 0;
  entry.commands.set(command, c);
  tests.set(key, entry);
}
let total = { n: 0, cpu: 0 };
for (const [key, entry] of [...tests].sort((a, b) => b[1].cpu - a[1].cpu)) {
  total = { n: total.n + entry.n, cpu: total.cpu + entry.cpu };
  process.stdout.write(`${entry.cpu.toFixed(2)} s CPU, ${entry.n} children: ${key}\n`);
  for (const [command, c] of [...entry.commands].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, Number(top))) process.stdout.write(`    ${c.cpu.toFixed(2)} s  ${String(c.n).padStart(4)} x ${command}\n`);
}
process.stdout.write(`total: ${total.cpu.toFixed(2)} s CPU, ${total.n} children\n`);

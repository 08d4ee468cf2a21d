import { readDump, toDumpInput } from '../src/formats/index.js';
const cases = process.argv.slice(2);
for (const text of cases) {
  try {
    const r = await readDump(toDumpInput('console.log', Buffer.from(text.replace(/\\n/g, '\n'))));
    console.log(JSON.stringify(text), '=>', r.format, JSON.stringify(r.accounts.map((a) => [a.username, a.password, a.level, a.state, (a as any).checkError])), JSON.stringify(r.rejected), JSON.stringify(r.skipped?.length));
  } catch (e) { console.log(JSON.stringify(text), 'ERR', (e as Error).message); }
}

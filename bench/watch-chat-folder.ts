// A Telegram export folder of many files dropped into the inbox (issue 14/16): the fixture's chat
// (test/fixtures/dumps/telegram-export/ChatExport_2017-11-14, three pages) with PHOTOS more photo
// messages on its last page, each linking a photo and its thumb as tdesktop's pushPhotoMedia
// writes them: 2 x PHOTOS more files of one export. `watch --once` takes the folder on a fresh
// pool: the CPU of the run, and every file filed with the chat. Stop 64 (T) measured how the
// watcher's per-file companion plan grew with files x export size.
//   node --import tsx bench/watch-chat-folder.ts PHOTOS RUNS [BASE_BIN]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, sample } from './measure.js';

const EXPORT = fileURLToPath(new URL('../test/fixtures/dumps/telegram-export/ChatExport_2017-11-14/', import.meta.url));

function photoMessage(n: number): string {
  const photo = `photos/photo_${n}@14-11-2017_19-20-00.jpg`;
  return `
     <div class="message default clearfix joined" id="message${9000 + n}">

      <div class="body">

       <div class="pull_right date details" title="14.11.2017 19:20:00 UTC+01:00">
19:20
       </div>

       <div class="media_wrap clearfix">

        <a class="photo_wrap clearfix pull_left" href="${photo}">

         <img class="photo" src="${photo.replace('.jpg', '_thumb.jpg')}" style="width: 260px; height: 195px"/>

        </a>

       </div>

      </div>

     </div>
`;
}

/** The export with `photos` photo messages more, written under `into`, every file dated a minute back. */
function writeExport(into: string, photos: number): number {
  cpSync(EXPORT, into, { recursive: true });
  const last = join(into, 'messages3.html');
  const text = readFileSync(last, 'utf8');
  const end = text.lastIndexOf('\n    </div>\n\n   </div>');
  writeFileSync(last, text.slice(0, end) + Array.from({ length: photos }, (_, n) => photoMessage(n + 2)).join('') + text.slice(end));
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
  for (let n = 2; n < photos + 2; n++) {
    writeFileSync(join(into, `photos/photo_${n}@14-11-2017_19-20-00.jpg`), jpeg);
    writeFileSync(join(into, `photos/photo_${n}@14-11-2017_19-20-00_thumb.jpg`), jpeg);
  }
  const settled = new Date(Date.now() - 60_000);
  let files = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        utimesSync(path, settled, settled);
        files++;
      }
    }
  };
  walk(into);
  return files;
}

const [photos = '1000', runs = '1', base] = process.argv.slice(2);
for (let r = 0; r < Number(runs); r++) {
  for (const bin of base ? [base, BIN] : [BIN]) {
    const dir = mkdtempSync(join(tmpdir(), 'watch-chat-folder-'));
    try {
      const pool = join(dir, 'pool');
      const init = spawnSync(process.execPath, [bin, 'init', '--pool', pool, '--shards', '4']);
      if (init.status !== 0) throw new Error(`init: ${init.stderr}`);
      const inbox = join(dir, 'inbox');
      mkdirSync(join(inbox, 'level-30'), { recursive: true });
      const files = writeExport(join(inbox, 'level-30', 'ChatExport_2017-11-14'), Number(photos));
      const [s] = sample({ args: ['watch', '--once', '--pool', pool], bin, ok: [0, 1] }, 1);
      const day = readdirSync(join(inbox, 'imported'))[0];
      const filed = day === undefined ? 0 : readdirSync(join(inbox, 'imported', day), { recursive: true }).filter((p) => statSync(join(inbox, 'imported', day, String(p))).isFile()).length;
      console.log(`${bin === BIN ? 'this' : 'base'}: ${files} files, ${filed} filed, CPU ${s!.cpuS.toFixed(2)} s, wall ${s!.seconds.toFixed(2)} s, peak ${s!.peakMB.toFixed(0)} MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

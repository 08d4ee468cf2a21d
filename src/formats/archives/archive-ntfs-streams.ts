// NTFS alternate data streams inside an archive. Windows names a file's stream `FILE:STREAM`
// (Microsoft's "File Streams (Local File Systems)"; a colon is no character of a Windows file
// name), and archivers that keep streams store each as a member of that name: 7-Zip with `-sns`,
// WinRAR's "save file streams" (a service header 7-Zip lists as `FILE:STREAM`). The one a seller's
// copy most likely carries is `Zone.Identifier`, Windows' mark of a download (`[ZoneTransfer]`,
// `ZoneId=3`, the shop's URLs): metadata, never accounts, and no file of its own. So a member
// `FILE:STREAM` is passed over, named, where FILE is a member too or STREAM is `Zone.Identifier`;
// its name states nothing of FILE (`b.txt:level40` gives b.txt no level). A colon elsewhere (a
// name from Linux or a Mac, `sold 12:30.txt`) is a file's own name, read as one.
//
// A stream named with its type (`FILE::$DATA`, `FILE:Zone.Identifier:$DATA`) is refused: no
// archiver stores one, and `FILE::$DATA` is FILE itself, so on Windows it writes over FILE
// (unrar's IsNtfsProhibitedStream refuses more than one colon in a stream's name for that reason).
import { shown } from './archive-paths.js';

/** `FILE` and `STREAM` of a member's path whose own name holds a colon, or undefined. */
function streamOf(path: string): { file: string; stream: string } | undefined {
  const slash = path.lastIndexOf('/');
  const colon = path.indexOf(':', slash + 1);
  if (colon <= slash + 1) return undefined;
  return { file: path.slice(0, colon), stream: path.slice(colon + 1) };
}

/** Why a member path that names a stream with its type is refused, or undefined. */
export function typedStream(path: string): string | undefined {
  const named = streamOf(path);
  if (!named || !named.stream.includes(':')) return undefined;
  return `${shown(path)} names an NTFS stream of ${shown(named.file)} with its type, which on Windows writes into ${shown(named.file)} itself (no archiver stores such a name): extract it with care and import the files it holds`;
}

/**
 * Takes out of `members` the NTFS alternate streams of files (a stream of a member, or any
 * `Zone.Identifier`), into `passed` with the reason.
 */
export function passStreams<M extends { path: string; name: string }>(members: M[], passed: { name: string; why: string }[]): void {
  const files = new Set(members.map((m) => m.path));
  for (let i = members.length - 1; i >= 0; i--) {
    const named = streamOf(members[i]!.path);
    if (!named || !(files.has(named.file) || /^zone\.identifier$/i.test(named.stream))) continue;
    const mark = /^zone\.identifier$/i.test(named.stream) ? ": Windows' mark of a download" : '';
    passed.push({ name: members[i]!.name, why: `an NTFS alternate stream of ${shown(named.file)}${mark}, not a file` });
    members.splice(i, 1);
  }
}

// yauzl lists a zip's entries as events (`lazyEntries: true`: one `entry` per `readEntry()`);
// archives and spreadsheets walk them one at a time through this promise.
import type * as Yauzl from 'yauzl';

/** The zip's next entry, or undefined at the end of its directory. */
export function nextEntry(zip: Yauzl.ZipFile): Promise<Yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const done = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Yauzl.Entry) => (done(), resolve(entry));
    const onEnd = () => (done(), resolve(undefined));
    const onError = (error: Error) => (done(), reject(error));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

// A POST body's form fields, as Flask's `request.form` read them for PGPool's /account/add
// (richardsang2008/PGPool pgpool.py): a url-encoded body (`curl --data-urlencode`, Python's
// `requests.post(url, data=dict)`, the add page) or a multipart one (`curl -F`, `requests.post(url,
// files=...)`). Werkzeug puts a multipart part with a file name (`curl -F accounts=@new.csv`) in
// `request.files`, never in `request.form`, so PGPool answered such a post "No accounts provided":
// the file parts are only named here, for the answer to say how to send them.
import { badRequest, utf8Body } from './http.js';
import { unencodedAccountsProblem } from './unencoded-form.js';

export interface FormBody {
  fields: URLSearchParams;
  /** Names of the parts that came as files (not fields). */
  files: string[];
  /** Why the `accounts` field, sent without URL encoding, cannot be read as meant (unencoded-form.ts). */
  unencoded?: string;
}

/** The form fields of a url-encoded or multipart body; undefined for any other Content-Type. */
export async function formBody(contentType: string | undefined, body: Buffer): Promise<FormBody | undefined> {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    const text = utf8Body(body);
    const unencoded = unencodedAccountsProblem(text);
    return { fields: new URLSearchParams(text), files: [], ...(unencoded ? { unencoded } : {}) };
  }
  if (type !== 'multipart/form-data') return undefined;
  let parsed: FormData;
  try {
    // Node's own multipart reader (the fetch API's): no dependency, the body is already bounded.
    parsed = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType! } }).formData();
  } catch {
    throw badRequest('a multipart body that does not read (no boundary in its Content-Type, or a part cut short)');
  }
  const fields = new URLSearchParams();
  const files: string[] = [];
  for (const [name, value] of parsed) {
    if (typeof value === 'string') fields.append(name, value);
    else files.push(name);
  }
  return { fields, files };
}

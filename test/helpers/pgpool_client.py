"""Sends PGPool requests with Python's own `requests`, as PGPool's clients do, and prints each answer.

Used by test/server/python-clients.test.ts and add-accounts.test.ts. One process serves a whole
test file (test/server/python-requests.ts): each stdin line is a batch, {"base": URL, "steps": [...]},
and each batch is answered by one stdout line, {"answers": [...]} or {"error": "..."} (the
exception's type and message; a failing batch does not end the process). Python's start and
`import requests` cost ~0.7 s of CPU, paid once per file instead of once per batch. The steps:
  {"get": "/account/request", "params": {...}}   -> requests.get(url, params=params)
  {"post": "/account/update", "data": {...}}     -> requests.post(url, data=json.dumps(data))
  "nan": ["walked"] in a post step sets those keys of data to float('nan') first.
  {"post": "/account/add", "form": {...}}     -> requests.post(url, data=form), url-encoded
  {"post": "/account/add", "json": {...}}     -> requests.post(url, json=value), with its Content-Type
  {"post": "/account/add", "multipart": {...}, "files": {...}} -> requests.post(url, files=...), multipart:
      each "multipart" value a field part (no file name), each "files" value a file part ("accounts.csv")
These are the two calls every client read for the tests makes (RocketMap's pogom/pgpool.py,
hzpz/PGPoolClient's pgpool_client/utils.py, PGNumbra's pgnumbra/utils.py, MrMime's
mrmime/pogoaccount.py): `requests` builds the query itself (Python's True as "True", a None value
left out) and posts json.dumps' bytes with no Content-Type. Each step's answer:
status, content type, body, r.json() when the body is JSON, and the URL requests built (never
the posted body: it holds passwords).
"""
import json
import sys

import requests


def send(base, step):
    if 'get' in step:
        return requests.get(base + step['get'], params=step.get('params'), timeout=30)
    if 'form' in step:
        return requests.post(base + step['post'], data=step['form'], timeout=30)
    if 'multipart' in step:
        parts = {name: (None, value) for name, value in step['multipart'].items()}
        parts.update({name: ('accounts.csv', value) for name, value in step.get('files', {}).items()})
        return requests.post(base + step['post'], files=parts, timeout=30)
    if 'json' in step:
        return requests.post(base + step['post'], json=step['json'], timeout=30)
    data = step['data']
    # Keys to set to float('nan') (JSON cannot carry one in): json.dumps writes a bare NaN.
    for key in step.get('nan', []):
        data[key] = float('nan')
    return requests.post(base + step['post'], data=json.dumps(data), timeout=30)


def answer(r):
    try:
        parsed = r.json()
        is_json = True
    except ValueError:
        parsed, is_json = None, False
    return {'status': r.status_code, 'content_type': r.headers.get('content-type'), 'text': r.text,
            'json': parsed, 'is_json': is_json, 'url': r.request.url}


for line in sys.stdin:
    batch = json.loads(line)
    try:
        out = {'answers': [answer(send(batch['base'], step)) for step in batch['steps']]}
    except Exception as error:  # the batch's caller rejects with it; the next batch is served
        out = {'error': '%s: %s' % (type(error).__name__, error)}
    sys.stdout.write(json.dumps(out) + '\n')
    sys.stdout.flush()

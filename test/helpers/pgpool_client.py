"""Sends PGPool requests with Python's own `requests`, as PGPool's clients do, and prints each answer.

Used by test/server/python-clients.test.ts. The steps come as JSON on stdin:
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
left out) and posts json.dumps' bytes with no Content-Type. One JSON line per step on stdout:
status, content type, body, r.json() when the body is JSON, and the URL requests built (never
the posted body: it holds passwords).
"""
import json
import sys

import requests

base = sys.argv[1]
for step in json.load(sys.stdin):
    if 'get' in step:
        r = requests.get(base + step['get'], params=step.get('params'), timeout=30)
    elif 'form' in step:
        r = requests.post(base + step['post'], data=step['form'], timeout=30)
    elif 'multipart' in step:
        parts = {name: (None, value) for name, value in step['multipart'].items()}
        parts.update({name: ('accounts.csv', value) for name, value in step.get('files', {}).items()})
        r = requests.post(base + step['post'], files=parts, timeout=30)
    elif 'json' in step:
        r = requests.post(base + step['post'], json=step['json'], timeout=30)
    else:
        data = step['data']
        # Keys to set to float('nan') (JSON cannot carry one in): json.dumps writes a bare NaN.
        for key in step.get('nan', []):
            data[key] = float('nan')
        r = requests.post(base + step['post'], data=json.dumps(data), timeout=30)
    try:
        parsed = r.json()
        is_json = True
    except ValueError:
        parsed, is_json = None, False
    print(json.dumps({'status': r.status_code, 'content_type': r.headers.get('content-type'), 'text': r.text,
                      'json': parsed, 'is_json': is_json, 'url': r.request.url}))

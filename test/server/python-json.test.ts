// quotePythonConstants: Python's json.dumps NaN/Infinity/-Infinity (allow_nan, its default) read
// as JSON.parse can, never touching the same words inside strings (a password may be "NaN").
import { describe, expect, it } from 'vitest';
import { quotePythonConstants } from '../../src/server/python-json.js';

describe('quotePythonConstants', () => {
  it('quotes the bare words json.dumps writes, and leaves strings and numbers alone', () => {
    const body = '{"username": "NaN", "password": "x\\"NaN Infinity", "walked": NaN, "xp": -Infinity, "spins": Infinity, "level": -5, "list": [NaN]}';
    const quoted = quotePythonConstants(body)!;
    expect(JSON.parse(quoted)).toEqual({ username: 'NaN', password: 'x"NaN Infinity', walked: 'NaN', xp: '-Infinity', spins: 'Infinity', level: -5, list: ['NaN'] });
  });

  it('answers undefined when there is nothing to quote (the body was bad for another reason)', () => {
    expect(quotePythonConstants('{"username": "NaN", "level": 3')).toBeUndefined();
    expect(quotePythonConstants('{"a": "Infinity\\\\", "b": 1}')).toBeUndefined();
  });
});

// A line's standing as the circle indexes and the change log's digests keep it: the fields that
// decide whether an account may be handed out (model.ts STANDING_FIELDS), the password reduced to
// whether there is one, as a tuple a shard's lines share (a few dozen distinct ones in a shard).
import type { CircleStanding, Standing } from '../model.js';

/** [has a password (1/0), level, state, available_at, holder, held_until], null where absent. */
export type CircleTuple = [number, unknown, unknown, unknown, unknown, unknown];

/** The tuple of a standing. */
export function tupleOfStanding(s: Standing): CircleTuple {
  return [s.password === undefined ? 0 : 1, s.level, s.state, s.available_at ?? null, s.holder ?? null, s.held_until ?? null];
}

/** The standing a tuple stands for (an empty password where there is one: only its presence counts), with `allocated_at`. */
export function circleStandingOf([password, level, state, available_at, holder, held_until]: CircleTuple, allocated: string | undefined): CircleStanding {
  const s = { level, state } as CircleStanding;
  if (password) s.password = '';
  if (available_at !== null) s.available_at = available_at as string;
  if (allocated !== undefined) s.allocated_at = allocated;
  if (holder !== null) s.holder = holder as string;
  if (held_until !== null) s.held_until = held_until as string;
  return s;
}

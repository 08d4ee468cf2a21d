// Finding and opening the pool a command works on.
import { Pool } from '../store/pool.js';
import { resolvePoolDir } from '../store/layout.js';
import type { Context } from './context.js';

export function poolDirOf(ctx: Context, flag: string | undefined): string {
  return resolvePoolDir(flag, ctx.env, ctx.cwd);
}

export function openPool(ctx: Context, flag: string | undefined): Promise<Pool> {
  return Pool.open(poolDirOf(ctx, flag), { clock: ctx.clock });
}

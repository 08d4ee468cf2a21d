// What a verdict does to an account: its state, and how long it rests (the cool-down from config).
import type { Account, State } from './model.js';
import type { Config, Cooldown } from './config.js';

function cooldownOf(state: State, config: Config): Cooldown {
  return state === 'ok' ? 0 : config.cooldowns[state];
}

/**
 * The account after `verdict` at `now`. `ok` clears any verdict and cool-down. A retired verdict
 * keeps no end date: it is out of the circle for as long as the config says "retired".
 */
export function applyVerdict(account: Account, verdict: State, now: Date, config: Config): Account {
  const next: Account = { ...account, state: verdict, state_at: now.toISOString() };
  const cooldown = cooldownOf(verdict, config);
  if (cooldown === 'retired' || cooldown === 0) delete next.available_at;
  else next.available_at = new Date(now.getTime() + cooldown).toISOString();
  return next;
}

/** A checker error or timeout is not a verdict: the account only sits out a short retry time. */
export function applyCheckError(account: Account, now: Date, config: Config): Account {
  const cooldown = config.cooldowns.check_error;
  if (cooldown === 'retired') return { ...account, state: 'invalid', state_at: now.toISOString() };
  return { ...account, available_at: new Date(now.getTime() + cooldown).toISOString() };
}

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

/**
 * A failed check read from a file (PGNumbra's accounts-error.csv): news only for an account that is
 * not resting already. The file tells no time, so the same file imported again (run twice, a copy
 * under another name, a second link in the inbox) must not start the retry time over and over, nor
 * record a retirement each time; and a check error is never a reason to end a longer rest (a temp
 * ban) early. The account itself is given back when the file adds nothing.
 */
export function recordCheckError(account: Account, now: Date, config: Config): Account {
  if (config.cooldowns.check_error === 'retired') return account.state === 'invalid' ? account : applyCheckError(account, now, config);
  if (account.available_at !== undefined && Date.parse(account.available_at) > now.getTime()) return account;
  return applyCheckError(account, now, config);
}

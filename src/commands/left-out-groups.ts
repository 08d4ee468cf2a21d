// The accounts a scanner file cannot carry, said once per reason (`export --format rdm`): one line
// an account made 10,000 lines of stderr for a pool of Google accounts exported for a PTC-only
// scanner. Each reason's line gives how many, the first few logins and why; never a password.
import { counted } from '../counted-noun.js';

/** How many logins a reason's line names before `and N more`. */
const SHOWN = 5;

export class LeftOutGroups {
  private readonly groups = new Map<string, { n: number; first: string[] }>();

  add(username: string, reason: string): void {
    let group = this.groups.get(reason);
    if (!group) this.groups.set(reason, (group = { n: 0, first: [] }));
    group.n++;
    if (group.first.length < SHOWN) group.first.push(username);
  }

  /** `left out 3 accounts the rdm file cannot carry (why): a, b, c`, one per reason, in the order first met. */
  lines(format: string): string[] {
    return [...this.groups].map(([reason, { n, first }]) => {
      const more = n > first.length ? `, and ${n - first.length} more` : '';
      return `left out ${counted(n, 'account')} the ${format} file cannot carry (${reason}): ${first.join(', ')}${more}`;
    });
  }
}

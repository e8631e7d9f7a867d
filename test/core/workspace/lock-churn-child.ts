// Takes and gives back the lock of one workspace as fast as it can, until it is killed.
import { WorkspaceLock } from '../../../main/core/workspace/workspace-lock';

const dir = process.argv[2]!;
let rounds = 0;
for (;;) {
  const lock = await WorkspaceLock.acquire(dir, { runtime: 'cli', label: 'lock churn' });
  await lock.release();
  rounds += 1;
  if (rounds === 1) process.stdout.write('churning\n');
}

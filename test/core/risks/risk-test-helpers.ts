// Drives the risks slice the way the framework will: run a command, journal its events
// (here: in memory, with seq/ts/actor), apply them with the reducer.
import type { CommandContext } from '../../../main/core/risks/risks-commands';
import type { DomainEvent, JournalEventLike, RisksState } from '../../../main/core/risks/risks-reducer';
import { initialRisksState, reduceRisks } from '../../../main/core/risks/risks-reducer';

export interface Register {
  state: RisksState;
  journal: JournalEventLike[];
  run(command: (state: RisksState, input: unknown, context: CommandContext) => DomainEvent[], input: unknown, actor?: string): DomainEvent[];
}

export function newRegister(): Register {
  let clock = Date.parse('2026-03-10T20:00:00Z');
  const register: Register = {
    state: initialRisksState(),
    journal: [],
    run(command, input, actor = 'maria') {
      clock += 60_000;
      const now = new Date(clock).toISOString();
      const events = command(register.state, input, { actor, now });
      for (const event of events) {
        const journaled: JournalEventLike = { ...event, actor, ts: now, seq: register.journal.length + 1 };
        register.journal.push(journaled);
        register.state = reduceRisks(register.state, journaled);
      }
      return events;
    },
  };
  return register;
}

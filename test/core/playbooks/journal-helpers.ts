// A stand-in for the framework's journal in tests: JSON lines appended and fsync'd
// before `record` resolves, replayed through the real reducer.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { DomainEvent, JournalEvent } from '../../../contract/domain/playbooks/run-events';
import { initialRunsState, reduceRuns } from '../../../main/core/playbooks/run-state';
import type { RunsState } from '../../../main/core/playbooks/run-state';

export interface FileJournal {
  readonly record: (events: readonly DomainEvent[]) => Promise<void>;
  readonly events: () => JournalEvent[];
}

export function fileJournal(file: string, actor = 'host'): FileJournal {
  return {
    async record(events) {
      const descriptor = openSync(file, 'a');
      try {
        let seq = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
        for (const event of events) {
          seq += 1;
          writeSync(descriptor, `${JSON.stringify({ seq, ts: new Date().toISOString(), actor, type: event.type, data: event.data })}\n`);
        }
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
    },
    events: () => readJournal(file),
  };
}

export function readJournal(file: string): JournalEvent[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalEvent);
}

export function replay(events: readonly JournalEvent[], state: RunsState = initialRunsState()): RunsState {
  return events.reduce(reduceRuns, state);
}

/** Apply command events as the framework would (journal, then reduce). */
export async function applyCommand(journal: FileJournal, state: RunsState, events: readonly DomainEvent[]): Promise<RunsState> {
  const before = journal.events().length;
  await journal.record(events);
  return replay(journal.events().slice(before), state);
}

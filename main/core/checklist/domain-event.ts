/** The framework's event and command shapes, re-exported for the checklist and go/no-go modules. */
export type { DomainEvent, AppliedEvent, CommandContext } from '../../../contract/domain/release/domain-event';

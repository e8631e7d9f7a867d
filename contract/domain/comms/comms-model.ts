/**
 * The comms slice of a release: status updates approved for sending, and where each has
 * been delivered. The outbox is derived from it: an approved message is waiting on every
 * channel that has not yet accepted it. Both facts are journaled (fsync'd), so a crash
 * loses neither an approval nor a delivery, and a restart resumes from the journal.
 */

/** The moments stakeholders care about. */
export const STATUS_TEMPLATES = [
  'go-no-go',
  'window-started',
  'step-done',
  'rollback-started',
  'release-done',
  'incident-opened',
  'incident-mitigated',
  'incident-resolved',
  'sla-breach',
] as const;
export type StatusTemplate = (typeof STATUS_TEMPLATES)[number];

/**
 * The templates a channel may opt in to sending by themselves: the moments the release's
 * state records on its own (a decision, a live run's start, steps, rollback and end, an
 * incident's changes, an SLA breach; main/core/comms/auto-send.ts derives them). Every
 * template is such a moment now; the list stays so a future one that only a person can
 * tell is not opted in by accident.
 */
export const AUTO_TEMPLATES = [
  'go-no-go',
  'window-started',
  'step-done',
  'rollback-started',
  'release-done',
  'incident-opened',
  'incident-mitigated',
  'incident-resolved',
  'sla-breach',
] as const satisfies readonly StatusTemplate[];

export const CHANNEL_KINDS = ['slack', 'teams', 'email', 'status-page'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What one channel is sent: the text filled for its audience (their zones), redacted. */
export interface ChannelMessage {
  readonly channel: string;
  readonly subject: string;
  readonly text: string;
}

export interface Delivery {
  readonly at: string;
  /** What the channel answered (status code, SMTP response), for the record. */
  readonly response: string;
}

export interface ApprovedMessage {
  /** MSG-1, MSG-2...: never reused. */
  readonly id: string;
  /** The idempotency key every channel receives (header, Message-ID): a retry after a crash is recognisable. */
  readonly key: string;
  readonly template: StatusTemplate;
  readonly messages: readonly ChannelMessage[];
  readonly approvedBy: string;
  readonly approvedAt: string;
  /** The moment it announces when it was sent automatically (`incident-opened:INC-3`); absent when a person approved it. */
  readonly trigger?: string;
  /** Deliveries by channel id. */
  readonly delivered: Readonly<Record<string, Delivery>>;
}

export interface CommsState {
  readonly messages: readonly ApprovedMessage[];
  readonly nextMessage: number;
}

export const COMMS_EVENTS = {
  approved: 'comms.message-approved',
  delivered: 'comms.message-delivered',
} as const;

export function initialCommsState(): CommsState {
  return { messages: [], nextMessage: 1 };
}

/** One delivery still owed: a message and a channel that has not accepted it. */
export interface PendingDelivery {
  readonly message: ApprovedMessage;
  readonly content: ChannelMessage;
}

/** The outbox: every (message, channel) not yet delivered, oldest approval first. */
export function pendingDeliveries(state: CommsState): PendingDelivery[] {
  const pending: PendingDelivery[] = [];
  for (const message of state.messages) {
    for (const content of message.messages) if (!message.delivered[content.channel]) pending.push({ message, content });
  }
  return pending;
}

/** One delivery waiting, and why: what the UI shows. */
export interface OutboxEntry {
  readonly message: string;
  readonly key: string;
  readonly channel: string;
  readonly subject: string;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When it is tried again (null: now, or in flight). */
  readonly nextAttemptAt: string | null;
  readonly inFlight: boolean;
}

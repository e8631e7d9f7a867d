import type { z } from 'zod';
import type { AppliedEvent } from '../../../contract/domain/release/domain-event';
import { COMMS_EVENTS, type ApprovedMessage, type CommsState } from '../../../contract/domain/comms/comms-model';
import type { messageApprovedDataSchema, messageDeliveredDataSchema } from '../../../contract/domain/comms/comms-schemas';

/** Apply one journal event to the comms slice; other events leave it unchanged. */
export function reduceComms(state: CommsState, event: AppliedEvent): CommsState {
  switch (event.type) {
    case COMMS_EVENTS.approved: {
      const data = event.data as z.output<typeof messageApprovedDataSchema>;
      const message: ApprovedMessage = { ...data, approvedBy: event.actor, approvedAt: event.ts, delivered: {} };
      return { messages: [...state.messages, message], nextMessage: Math.max(state.nextMessage, Number(data.id.slice(4)) + 1) };
    }
    case COMMS_EVENTS.delivered: {
      const data = event.data as z.output<typeof messageDeliveredDataSchema>;
      return {
        ...state,
        messages: state.messages.map((message) =>
          message.id === data.id && !message.delivered[data.channel]
            ? { ...message, delivered: { ...message.delivered, [data.channel]: { at: event.ts, response: data.response } } }
            : message,
        ),
      };
    }
    default:
      return state;
  }
}

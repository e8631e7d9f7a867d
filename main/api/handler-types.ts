import type { ParsedInput, RequestName, RequestOutput } from '../../contract/requests';
import type { CallContext, Services } from './services';

export type Handler<Name extends RequestName> = (input: ParsedInput<Name>, services: Services, context: CallContext) => Promise<RequestOutput<Name>>;

/** A handler for every request of the contract: the compiler checks none is missing. */
export type Handlers = { readonly [Name in RequestName]: Handler<Name> };

/** Handlers of some requests (each area's file); merged into `Handlers`. */
export type HandlerGroup<Names extends RequestName> = { readonly [Name in Names]: Handler<Name> };

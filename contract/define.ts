import type { z } from 'zod';

/** One request of the contract: the schema its input must pass, and (as a type only) its output. */
export interface RequestDefinition<Input extends z.ZodType = z.ZodType, Output = unknown> {
  readonly input: Input;
  /** Never set: carries the output type for the client and the handlers. */
  readonly output?: Output;
}

/**
 * Declare a request: `request<Output>()(inputSchema)`. Curried so that the output is
 * written out while the input type is inferred from its schema.
 */
export function request<Output>() {
  return <Input extends z.ZodType>(input: Input): RequestDefinition<Input, Output> => ({ input });
}

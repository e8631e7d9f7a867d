/** The redaction settings of a release as they cross the contract, and the limits they are checked against. */
import { z } from 'zod';

/** Tuning of the patterns and of literal handling. */
export const RedactionLimits = {
  /** Literals shorter than this would mask ordinary words everywhere ("a", "ok"); they are refused. */
  MinLiteralLength: 4,
  /** Longest private key block we expect (an RSA 8192 key in PEM is ~6.5k chars); longer is masked to the end. */
  MaxPrivateKeyBlockChars: 16_384,
} as const;

/**
 * The redaction settings of a release as they cross the contract (from the redaction
 * review, or stored in release.json): literals, and patterns as regex source text.
 */
export const redactionSettingsSchema = z.object({
  literals: z
    .array(z.string().min(RedactionLimits.MinLiteralLength, `a literal must have at least ${RedactionLimits.MinLiteralLength} characters`).max(4096))
    .max(1000)
    .default([]),
  patterns: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a pattern name is lowercase words joined by dashes, like "customer-id"'),
        source: z.string().min(1).max(2000),
        caseInsensitive: z.boolean().default(false),
      }),
    )
    .max(100)
    .default([]),
});

export type RedactionSettings = z.input<typeof redactionSettingsSchema>;

import type { SecretRule } from './rule-kit';
import { codeAndPackageRules } from './rules-code-and-packages';
import { cloudRules } from './rules-cloud';
import { aiRules, messagingRules, observabilityRules, paymentRules, saasRules } from './rules-services';
import { genericRules } from './rules-generic';

/**
 * Every secret rule of War Room's own table, in the order they are tried (a match that
 * overlaps an earlier rule's is merged into it). The streaming redactor (terminal
 * recordings, run logs) and the one-shot redactor (journal, reports) both use it; the
 * final scan before an export adds secretlint's recommended preset on top.
 */
export const secretRules: readonly SecretRule[] = [
  // Structured blocks first: a private key or a JWT is masked whole, not token by token.
  ...genericRules.filter((rule) => rule.id === 'private-key-block' || rule.id === 'jwt'),
  ...codeAndPackageRules,
  ...cloudRules,
  ...aiRules,
  ...paymentRules,
  ...messagingRules,
  ...observabilityRules,
  ...saasRules,
  ...genericRules.filter((rule) => rule.id !== 'private-key-block' && rule.id !== 'jwt'),
];

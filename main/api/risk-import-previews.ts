import { randomBytes } from 'node:crypto';
import type { RiskImportPreview } from '../../contract/domain/risks/risk-import-preview';
import { WarRoomError } from '../../contract/domain/errors';

const LIMITS = {
  /** A preview waits this long for its Confirm: long enough to read the bad rows, then it is dropped. */
  ttlMs: 30 * 60_000,
  /** Previews kept at once (each holds a parsed file of up to 20 MB). */
  maxKept: 4,
} as const;

/**
 * Import previews kept on the main side until the user confirms one.
 *
 * Why: the renderer shows the preview, but what is committed is the preview main made
 * itself from the file, named by an unguessable id. So a confirmed import never trusts
 * a preview sent back by the renderer, needs no second validation of thousands of rows,
 * and never sends megabytes back over the transport.
 */
export class RiskImportPreviews {
  private readonly kept = new Map<string, { readonly slug: string; readonly preview: RiskImportPreview; readonly at: number }>();

  /** Keep a preview for this release; returns its id. */
  keep(slug: string, preview: RiskImportPreview, now = Date.now()): string {
    for (const [id, entry] of this.kept) if (now - entry.at > LIMITS.ttlMs) this.kept.delete(id);
    while (this.kept.size >= LIMITS.maxKept) this.kept.delete(this.kept.keys().next().value!);
    const id = randomBytes(12).toString('base64url');
    this.kept.set(id, { slug, preview, at: now });
    return id;
  }

  /** Take a kept preview (once); refused when it expired, was used, or belongs to another release. */
  take(slug: string, id: string, now = Date.now()): RiskImportPreview {
    const entry = this.kept.get(id);
    if (!entry || entry.slug !== slug || now - entry.at > LIMITS.ttlMs) {
      throw new WarRoomError(
        'not-found',
        'This import preview is no longer available (it expired, was already imported, or belongs to another release): preview the file again.',
        [{ field: 'previewId' }],
      );
    }
    this.kept.delete(id);
    return entry.preview;
  }
}

/**
 * A folder name for a release: lower-case ASCII letters, digits and dashes.
 *
 * The release's name is free text (any language, any hostile string); its folder is
 * not: it must be safe on every file system and never climb out of releases/.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  return slug === '' ? 'release' : slug;
}

/** Slugs accepted from outside (requests, CLI): exactly what `slugify` can produce. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** `base`, or `base-2`, `base-3`... whichever is not taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let index = 2; ; index += 1) {
    const candidate = `${base}-${index}`;
    if (!taken.has(candidate)) return candidate;
  }
}

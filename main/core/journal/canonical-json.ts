/**
 * Canonical JSON: the exact bytes a journal event is hashed over.
 *
 * Object keys are sorted (by UTF-16 code units, as Array.prototype.sort does), no white
 * space, `undefined` members are dropped as JSON.stringify drops them. Anything that
 * would not read back as the same value is refused rather than silently changed:
 * non-finite numbers, `undefined` in an array, and objects that are not plain data
 * (a Date, a Map, a class instance). So the data a reducer applies in memory is, to
 * the letter, the data a replay of the journal applies.
 */
export function canonicalJson(value: unknown): string {
  // Fast path: data whose object keys are already in sorted order and that holds only
  // plain, finite, defined values is exactly what the engine's own JSON.stringify
  // writes; checking that is much cheaper than building the string in JavaScript.
  if (isCanonicalAlready(value)) return JSON.stringify(value);
  // Otherwise a copy with its keys inserted in sorted order, written by the engine; only
  // keys that look like array indices (which engines always list first) need the slow way.
  const sorted = sortedCopy(value);
  return sorted === UNSUPPORTED ? encode(value) : JSON.stringify(sorted);
}

const UNSUPPORTED: unique symbol = Symbol('unsupported');
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : UNSUPPORTED;
  if (typeof value !== 'object') return UNSUPPORTED;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let index = 0; index < value.length; index += 1) {
      const item = value[index] as unknown;
      if (item === undefined) return UNSUPPORTED;
      const copied = sortedCopy(item);
      if (copied === UNSUPPORTED) return UNSUPPORTED;
      copy[index] = copied;
    }
    return copy;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return UNSUPPORTED;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (INDEX_LIKE.test(key) || key === '__proto__') return UNSUPPORTED;
    const member = record[key];
    if (member === undefined) continue;
    const copied = sortedCopy(member);
    if (copied === UNSUPPORTED) return UNSUPPORTED;
    copy[key] = copied;
  }
  return copy;
}

/** True when JSON.stringify(value) is already canonical (sorted keys, nothing it would drop or change). */
function isCanonicalAlready(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index += 1) if (!isCanonicalAlready(value[index])) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return false;
      const record = value as Record<string, unknown>;
      let previous: string | null = null;
      for (const key in record) {
        if (!Object.hasOwn(record, key)) return false;
        if (previous !== null && !(previous < key)) return false;
        const member = record[key];
        if (member === undefined || !isCanonicalAlready(member)) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

function encode(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item) => {
            if (item === undefined) throw new TypeError('canonical JSON cannot hold undefined in an array');
            return encode(item);
          })
          .join(',')}]`;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(`canonical JSON holds plain objects only, not a ${(value as object).constructor?.name ?? 'foreign object'}`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${encode(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}

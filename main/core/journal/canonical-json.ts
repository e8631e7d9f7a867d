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
  return encode(value);
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
        return `[${value.map((item) => {
          if (item === undefined) throw new TypeError('canonical JSON cannot hold undefined in an array');
          return encode(item);
        }).join(',')}]`;
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

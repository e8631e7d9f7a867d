/** Whether a char code is of [A-Za-z0-9_.-]. */
function isKeyNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}

/** The shapes secretKeyShape tells apart, one bit each. */
export const KeyShape = { Assignment: 1, Flag: 2, XmlElement: 4 } as const;

/**
 * What can follow a secret-named key's keyword at a hit ("pass", "token"...), as bits of
 * KeyShape: `:` or `=` after the key name (and a quote, blanks) for secret-assignment;
 * blanks after a name whose word starts with `-` for secret-flag; `>` right after the name,
 * in a tag, for xml-secret-element. "Accepted publickey for deploy" is none of them: a line
 * of prose with "token" in it runs no regex. Computed once per hit for the three rules;
 * generous on purpose (a check only skips a regex run): 64 name chars where a rule allows ~50.
 */
export function secretKeyShape(text: string, start: number, end: number): number {
  let at = end;
  const nameLimit = Math.min(text.length, end + 64);
  while (at < nameLimit && isKeyNameChar(text.charCodeAt(at))) at += 1;
  const nameEnd = at;
  const quoteLimit = Math.min(text.length, at + 4);
  while (at < quoteLimit && isQuoteOrBackslash(text.charCodeAt(at))) at += 1;
  const quotesEnd = at;
  while (at < text.length && isBlank(text.charCodeAt(at))) at += 1;
  const next = text.charCodeAt(at);
  let shape = next === 58 || next === 61 ? KeyShape.Assignment : 0;
  if (at > quotesEnd && text.charCodeAt(wordBefore(text, start, false)) === 45) shape |= KeyShape.Flag;
  if (text.charCodeAt(nameEnd) === 62) {
    const first = wordBefore(text, start, true);
    if (first > 0 && text.charCodeAt(first - 1) === 60) shape |= KeyShape.XmlElement;
  }
  return shape;
}

/**
 * Where secret-assignment's match must start for a hit whose shape has KeyShape.Assignment:
 * the `:` or `=` that secretKeyShape found after the key name (its regex is anchored on
 * that separator). -1 when there is none.
 */
export function secretKeySeparator(text: string, _start: number, end: number): number {
  let at = end;
  const nameLimit = Math.min(text.length, end + 64);
  while (at < nameLimit && isKeyNameChar(text.charCodeAt(at))) at += 1;
  const quoteLimit = Math.min(text.length, at + 4);
  while (at < quoteLimit && isQuoteOrBackslash(text.charCodeAt(at))) at += 1;
  while (at < text.length && isBlank(text.charCodeAt(at))) at += 1;
  const next = text.charCodeAt(at);
  return next === 58 || next === 61 ? at : -1;
}

/** Where the word holding the keyword at `start` begins (key name chars, and `:` in a tag name). */
function wordBefore(text: string, start: number, colon: boolean): number {
  let first = start;
  const backLimit = Math.max(0, start - 64);
  while (first > backLimit) {
    const code = text.charCodeAt(first - 1);
    if (!isKeyNameChar(code) && !(colon && code === 58)) break;
    first -= 1;
  }
  return first;
}

function isQuoteOrBackslash(code: number): boolean {
  return code === 34 || code === 39 || code === 92;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

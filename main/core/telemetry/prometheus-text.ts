/**
 * Prometheus's text exposition format (0.0.4) and the one piece of PromQL the offline
 * sandbox source answers: a series selector, `name{label="v", other!="w", code=~"5.."}`.
 *
 * Why so little: offline, the gates read gauges the sandbox computes itself
 * (sandbox_error_ratio, sandbox_latency_p99_seconds); the same selectors run unchanged
 * against a real Prometheus that scrapes the sandbox. Anything more is Prometheus's job.
 */
export interface TextSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Matcher {
  readonly label: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export interface Selector {
  readonly name: string;
  readonly matchers: readonly Matcher[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Parse an exposition; throws naming the line that is not a sample. */
export function parseTextFormat(text: string): TextSample[] {
  const samples: TextSample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`line ${index + 1} of the metrics is not a sample: ${line.slice(0, 80)}`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = Object.create(null) as Record<string, string>;
    if (rest.startsWith('{')) {
      let parsed: { matchers: Matcher[]; length: number };
      try {
        parsed = parseMatchers(rest, false);
      } catch (error) {
        throw new Error(`line ${index + 1} of the metrics: ${(error as Error).message}: ${line.slice(0, 80)}`);
      }
      labels = Object.create(null) as Record<string, string>;
      for (const matcher of parsed.matchers) labels[matcher.label] = matcher.value;
      rest = rest.slice(parsed.length);
    }
    const [valueText] = rest.trim().split(/\s+/);
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    if (valueText === undefined || valueText === '' || (Number.isNaN(value) && valueText !== 'NaN'))
      throw new Error(`line ${index + 1} of the metrics has no number: ${line.slice(0, 80)}`);
    samples.push({ name, labels, value });
  });
  return samples;
}

/** Parse `name{...}`; throws with the column of the problem. */
export function parseSelector(query: string): Selector {
  const text = query.trim();
  const name = NAME.exec(text)?.[0];
  if (!name) throw new Error(`column 1: expected a metric name`);
  const rest = text.slice(name.length).trim();
  if (rest === '') return { name, matchers: [] };
  if (!rest.startsWith('{')) throw new Error(`column ${name.length + 1}: expected { or the end of the query`);
  const parsed = parseMatchers(rest, true);
  if (rest.slice(parsed.length).trim() !== '') throw new Error(`column ${text.length - rest.length + parsed.length + 1}: unexpected text after }`);
  return { name, matchers: parsed.matchers };
}

/** Samples that match a selector. */
export function selectSamples(samples: readonly TextSample[], selector: Selector): TextSample[] {
  const patterns = selector.matchers.map((matcher) => (matcher.op === '=~' || matcher.op === '!~' ? new RegExp(`^(?:${matcher.value})$`) : undefined));
  return samples.filter(
    (sample) =>
      sample.name === selector.name &&
      selector.matchers.every((matcher, index) => {
        const value = Object.hasOwn(sample.labels, matcher.label) ? (sample.labels[matcher.label] as string) : '';
        switch (matcher.op) {
          case '=':
            return value === matcher.value;
          case '!=':
            return value !== matcher.value;
          case '=~':
            return (patterns[index] as RegExp).test(value);
          default:
            return !(patterns[index] as RegExp).test(value);
        }
      }),
  );
}

function parseMatchers(text: string, allowOperators: boolean): { matchers: Matcher[]; length: number } {
  const matchers: Matcher[] = [];
  let position = 1;
  const skip = (): void => {
    while (position < text.length && /\s/.test(text[position] as string)) position += 1;
  };
  for (;;) {
    skip();
    if (text[position] === '}') return { matchers, length: position + 1 };
    const label = LABEL.exec(text.slice(position))?.[0];
    if (!label) throw new Error(`column ${position + 1}: expected a label name`);
    position += label.length;
    skip();
    const op = (['=~', '!~', '!=', '='] as const).find((candidate) => text.startsWith(candidate, position));
    if (!op || (!allowOperators && op !== '=')) throw new Error(`column ${position + 1}: expected =${allowOperators ? ', !=, =~ or !~' : ''}`);
    if ((op === '=~' || op === '!~') && label === '__proto__') throw new Error(`column ${position + 1}: reserved label`);
    position += op.length;
    skip();
    if (text[position] !== '"') throw new Error(`column ${position + 1}: expected a quoted value`);
    position += 1;
    let value = '';
    while (position < text.length && text[position] !== '"') {
      if (text[position] === '\\' && position + 1 < text.length) {
        const next = text[position + 1] as string;
        value += next === 'n' ? '\n' : next;
        position += 2;
      } else {
        value += text[position] as string;
        position += 1;
      }
    }
    if (text[position] !== '"') throw new Error(`column ${position + 1}: the quoted value is never closed`);
    position += 1;
    if (op === '=~' || op === '!~') {
      try {
        new RegExp(value);
      } catch {
        throw new Error(`column ${position}: ${value} is not a valid regular expression`);
      }
    }
    matchers.push({ label, op, value });
    skip();
    if (text[position] === ',') position += 1;
    else if (text[position] !== '}') throw new Error(`column ${position + 1}: expected , or }`);
  }
}

/**
 * Success and failure conditions of an analysis step, as Argo Rollouts writes them:
 * `result[0] < 0.05`, `result >= 0.95`, `result[0] <= baseline[0] * 1.5 and len(result) > 0`.
 *
 * Why jsep and our own evaluator (never eval, never Function): jsep is a small,
 * well-kept parser of JavaScript expressions into an AST; we walk the AST with a
 * whitelist: numbers, strings, booleans, the names the analysis gives (result, baseline),
 * indexing with [n], arithmetic, comparisons, and/or/not (also && || !), and the pure
 * functions len, abs, min, max, isNaN. Anything else (member access by name, calls to
 * unknown functions, assignment) is refused when the playbook is parsed, with the column.
 */
import jsep from 'jsep';

jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('or', 1);
jsep.addUnaryOp('not');
// The playbook's conditions have no use for these; a parse error is clearer than a surprise.
jsep.removeBinaryOp('>>>');
jsep.removeBinaryOp('<<');
jsep.removeBinaryOp('>>');
jsep.removeBinaryOp('|');
jsep.removeBinaryOp('&');
jsep.removeBinaryOp('^');
jsep.removeUnaryOp('~');

export type ConditionValue = number | string | boolean | readonly ConditionValue[];

/** What a condition may read: `result` (and `baseline` when the step has a baseline query). */
export type ConditionScope = Readonly<Record<string, ConditionValue>>;

export class ConditionError extends Error {
  /** 1-based column in the condition's text; undefined for errors while evaluating. */
  readonly column: number | undefined;
  constructor(message: string, column?: number) {
    super(message);
    this.name = 'ConditionError';
    this.column = column;
  }
}

export interface Condition {
  readonly source: string;
  readonly names: readonly string[];
  evaluate(scope: ConditionScope): boolean;
  /**
   * The line a chart draws: for `result[0] <= baseline[0] + 0.05` (a comparison of the
   * result with an expression that does not read it), that expression's value; the first
   * such comparison of an and/or. Undefined when the condition has no such shape.
   */
  threshold(scope: ConditionScope): number | undefined;
}

const FUNCTIONS: Readonly<Record<string, (args: readonly ConditionValue[]) => ConditionValue>> = {
  len: ([value]) => (Array.isArray(value) ? value.length : typeof value === 'string' ? value.length : 1),
  abs: ([value]) => Math.abs(toNumber(value)),
  min: (args) => Math.min(...args.flatMap(flat).map(toNumber)),
  max: (args) => Math.max(...args.flatMap(flat).map(toNumber)),
  isNaN: ([value]) => Number.isNaN(toNumber(value)),
};

const BINARY = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '===', '!==', '&&', '||', 'and', 'or']);
const UNARY = new Set(['-', '+', '!', 'not']);

/** Parse and check a condition; throws ConditionError with the 1-based column of the problem. */
export function parseCondition(source: string, allowedNames: readonly string[] = ['result']): Condition {
  let ast: jsep.Expression;
  try {
    ast = jsep(source);
  } catch (error) {
    const index = (error as { index?: number }).index;
    const description = (error as { description?: string }).description ?? (error instanceof Error ? error.message : String(error));
    throw new ConditionError(`${description}`, typeof index === 'number' ? index + 1 : undefined);
  }
  const names = new Set<string>();
  validate(ast, source, allowedNames, names);
  return {
    source,
    names: [...names],
    evaluate(scope) {
      const value = evaluate(ast, scope);
      if (typeof value !== 'boolean') throw new ConditionError(`"${source}" gave ${describe(value)}, not true or false`);
      return value;
    },
    threshold(scope) {
      const comparison = thresholdSide(ast);
      if (!comparison) return undefined;
      try {
        const value = evaluate(comparison, scope);
        return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

function validate(node: jsep.Expression, source: string, allowed: readonly string[], names: Set<string>): void {
  const at = (): number | undefined => {
    const text = typeof node.name === 'string' ? node.name : typeof node.raw === 'string' ? node.raw : undefined;
    const index = text === undefined ? -1 : source.indexOf(text);
    return index >= 0 ? index + 1 : undefined;
  };
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean')
        throw new ConditionError(`${String(value)} is not a number, text or true/false`, at());
      return;
    }
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      if (name === 'true' || name === 'false') return;
      if (!allowed.includes(name)) throw new ConditionError(`unknown name "${name}"; a condition can read ${allowed.join(', ')}`, at());
      names.add(name);
      return;
    }
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      if (!member.computed) throw new ConditionError('only indexing like result[0] is allowed, not .property', at());
      validate(member.object, source, allowed, names);
      validate(member.property, source, allowed, names);
      return;
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      if (!BINARY.has(binary.operator)) throw new ConditionError(`operator ${binary.operator} is not allowed`, indexOf(source, binary.operator));
      validate(binary.left, source, allowed, names);
      validate(binary.right, source, allowed, names);
      return;
    }
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      if (!UNARY.has(unary.operator)) throw new ConditionError(`operator ${unary.operator} is not allowed`, indexOf(source, unary.operator));
      validate(unary.argument, source, allowed, names);
      return;
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const callee = call.callee as jsep.Identifier;
      if (call.callee.type !== 'Identifier' || !Object.hasOwn(FUNCTIONS, callee.name)) {
        throw new ConditionError(
          `unknown function ${callee.name ?? '(expression)'}; allowed: ${Object.keys(FUNCTIONS).join(', ')}`,
          indexOf(source, callee.name ?? '('),
        );
      }
      for (const argument of call.arguments) validate(argument, source, allowed, names);
      return;
    }
    default:
      throw new ConditionError(`${node.type} is not allowed in a condition`, at());
  }
}

function readsResult(node: jsep.Expression): boolean {
  if (node.type === 'Identifier') return (node as jsep.Identifier).name === 'result';
  return Object.values(node).some((child) =>
    Array.isArray(child)
      ? child.some((item) => typeof item === 'object' && item !== null && 'type' in item && readsResult(item as jsep.Expression))
      : typeof child === 'object' && child !== null && 'type' in child && readsResult(child as jsep.Expression),
  );
}

function thresholdSide(node: jsep.Expression): jsep.Expression | undefined {
  if (node.type !== 'BinaryExpression') return undefined;
  const binary = node as jsep.BinaryExpression;
  if (['and', 'or', '&&', '||'].includes(binary.operator)) return thresholdSide(binary.left) ?? thresholdSide(binary.right);
  if (!['<', '<=', '>', '>='].includes(binary.operator)) return undefined;
  if (readsResult(binary.left) && !readsResult(binary.right)) return binary.right;
  if (readsResult(binary.right) && !readsResult(binary.left)) return binary.left;
  return undefined;
}

function indexOf(source: string, text: string): number | undefined {
  const index = source.indexOf(text);
  return index >= 0 ? index + 1 : undefined;
}

function evaluate(node: jsep.Expression, scope: ConditionScope): ConditionValue {
  switch (node.type) {
    case 'Literal':
      return (node as jsep.Literal).value as ConditionValue;
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      if (name === 'true') return true;
      if (name === 'false') return false;
      if (!Object.hasOwn(scope, name)) throw new ConditionError(`"${name}" has no value in this measurement`);
      return scope[name] as ConditionValue;
    }
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      const object = evaluate(member.object, scope);
      const index = toNumber(evaluate(member.property, scope));
      if (!Array.isArray(object)) throw new ConditionError(`cannot index ${describe(object)} with [${index}]`);
      if (!Number.isInteger(index) || index < 0 || index >= object.length) {
        throw new ConditionError(`index [${index}] is out of range: the query returned ${object.length} value${object.length === 1 ? '' : 's'}`);
      }
      return object[index] as ConditionValue;
    }
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      const value = evaluate(unary.argument, scope);
      if (unary.operator === '!' || unary.operator === 'not') return !toBoolean(value);
      return unary.operator === '-' ? -toNumber(value) : toNumber(value);
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      const operator = binary.operator;
      if (operator === '&&' || operator === 'and') return toBoolean(evaluate(binary.left, scope)) && toBoolean(evaluate(binary.right, scope));
      if (operator === '||' || operator === 'or') return toBoolean(evaluate(binary.left, scope)) || toBoolean(evaluate(binary.right, scope));
      const left = evaluate(binary.left, scope);
      const right = evaluate(binary.right, scope);
      if (operator === '==' || operator === '===') return scalar(left) === scalar(right);
      if (operator === '!=' || operator === '!==') return scalar(left) !== scalar(right);
      const a = toNumber(left);
      const b = toNumber(right);
      switch (operator) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return a / b;
        case '%':
          return a % b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        default:
          return a >= b;
      }
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const fn = FUNCTIONS[(call.callee as jsep.Identifier).name] as (args: readonly ConditionValue[]) => ConditionValue;
      return fn(call.arguments.map((argument) => evaluate(argument, scope)));
    }
    default:
      throw new ConditionError(`${node.type} is not allowed in a condition`);
  }
}

function flat(value: ConditionValue): ConditionValue[] {
  return Array.isArray(value) ? (value as ConditionValue[]) : [value];
}

/** A one-value vector compares as its value (Argo: `result >= 0.95` on a scalar result). */
function scalar(value: ConditionValue): string | number | boolean {
  if (Array.isArray(value)) {
    if (value.length === 1) return scalar(value[0] as ConditionValue);
    throw new ConditionError(`cannot compare ${describe(value)}; index it, e.g. result[0]`);
  }
  return value as string | number | boolean;
}

function toNumber(value: ConditionValue): number {
  const plain = scalar(value);
  if (typeof plain === 'number') return plain;
  if (typeof plain === 'string' && plain.trim() !== '' && !Number.isNaN(Number(plain))) return Number(plain);
  throw new ConditionError(`${describe(value)} is not a number`);
}

function toBoolean(value: ConditionValue): boolean {
  const plain = scalar(value);
  if (typeof plain === 'boolean') return plain;
  throw new ConditionError(`${describe(value)} is not true or false`);
}

function describe(value: ConditionValue): string {
  if (Array.isArray(value)) return `a list of ${value.length} value${value.length === 1 ? '' : 's'}`;
  return typeof value === 'string' ? `the text "${value}"` : String(value);
}

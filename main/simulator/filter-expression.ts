/**
 * The subset of Cove's filter language (reference §8.1) the simulator understands. Anything else is
 * rejected with a `FilterSyntaxError` rather than silently matching the wrong devices.
 *
 * Supported:
 *   - column codes in any spelling column-codes.ts parses (`AT`, `I59`, `T0`, `D09F00`, `TL`, ...)
 *   - integer/real literals, 'single' or "double" quoted strings, `Session.<Name>` status constants
 *   - `N.minute(s)/hour(s)/day(s)/week(s)().ago()` → unix seconds before the evaluation time
 *   - `==`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, `=~` (wildcards `*` and `?`), `in (a, b, ...)`
 *   - `not`/`!`, `and`/`&&`, `or`/`||` (keywords case-insensitive), parentheses
 * Semantics: an absent column compares as 0 against numbers and '' against strings (as in Cove,
 * which is why tools guard `F0 != 5` with `I78 =~ '*D01*'`). String comparison is case-insensitive.
 * Not supported: arithmetic, `ANY`, `Product.*`, other functions.
 */
import { parseColumn, type ParsedColumn } from '../cove/column-codes';

export class FilterSyntaxError extends Error {}

export type FilterNode =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'ago'; seconds: number }
  | { type: 'column'; column: ParsedColumn }
  | { type: 'compare'; op: CompareOp; left: FilterNode; right: FilterNode }
  | { type: 'in'; left: FilterNode; items: FilterNode[] }
  | { type: 'not'; operand: FilterNode }
  | { type: 'and' | 'or'; left: FilterNode; right: FilterNode };

type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '=~';

/** Reads a column value of the row being tested; `null` when absent. */
export type ColumnReader = (column: ParsedColumn) => string | null;

const SESSION_CONSTANTS: Readonly<Record<string, number>> = {
  undefined: 0,
  inprocess: 1,
  failed: 2,
  aborted: 3,
  completed: 5,
  interrupted: 6,
  notstarted: 7,
  completedwitherrors: 8,
  inprocesswithfaults: 9,
  inprogresswithfaults: 9,
  overquota: 10,
  noselection: 11,
  restarted: 12,
};

const TIME_UNITS: Readonly<Record<string, number>> = {
  minute: 60,
  minutes: 60,
  hour: 3600,
  hours: 3600,
  day: 86_400,
  days: 86_400,
  week: 604_800,
  weeks: 604_800,
};

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ident'; value: string }
  | { kind: 'op'; value: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|([A-Za-z_][A-Za-z0-9_@]*)|(==|!=|<>|<=|>=|=~|&&|\|\||[<>!(),.]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new FilterSyntaxError(`unsupported filter syntax at position ${at}: '${source.slice(at).trim()}'`);
    if (m[1] !== undefined) tokens.push({ kind: 'number', value: Number(m[1]) });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: 'string', value: m[2] ?? m[3] });
    else if (m[4] !== undefined) tokens.push({ kind: 'ident', value: m[4] });
    else tokens.push({ kind: 'op', value: m[5] === '<>' ? '!=' : m[5] });
  }
  return tokens;
}

export function parseFilter(source: string): FilterNode | null {
  if (source.trim() === '') return null;
  const parser = new Parser(tokenize(source));
  const node = parser.expression();
  parser.expectEnd();
  return node;
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  expression(): FilterNode {
    let left = this.conjunction();
    while (this.keyword('or') || this.op('||')) left = { type: 'or', left, right: this.conjunction() };
    return left;
  }

  expectEnd(): void {
    if (this.pos < this.tokens.length) throw new FilterSyntaxError(`unexpected '${describe(this.tokens[this.pos])}' in filter`);
  }

  private conjunction(): FilterNode {
    let left = this.negation();
    while (this.keyword('and') || this.op('&&')) left = { type: 'and', left, right: this.negation() };
    return left;
  }

  private negation(): FilterNode {
    if (this.keyword('not') || this.op('!')) return { type: 'not', operand: this.negation() };
    return this.comparison();
  }

  private comparison(): FilterNode {
    const left = this.operand();
    if (this.keyword('in')) {
      this.expectOp('(');
      const items = [this.operand()];
      while (this.op(',')) items.push(this.operand());
      this.expectOp(')');
      return { type: 'in', left, items };
    }
    for (const op of ['==', '!=', '<=', '>=', '<', '>', '=~'] as const) {
      if (this.op(op)) return { type: 'compare', op, left, right: this.operand() };
    }
    return left;
  }

  private operand(): FilterNode {
    const token = this.tokens[this.pos++];
    if (!token) throw new FilterSyntaxError('filter ends unexpectedly');
    if (token.kind === 'op' && token.value === '(') {
      const inner = this.expression();
      this.expectOp(')');
      return inner;
    }
    if (token.kind === 'string') return { type: 'string', value: token.value };
    if (token.kind === 'number') return this.op('.') ? this.ago(token.value) : { type: 'number', value: token.value };
    if (token.kind === 'ident') return this.identifier(token.value);
    throw new FilterSyntaxError(`unexpected '${token.value}' in filter`);
  }

  /** `N.day().ago()` and friends. */
  private ago(count: number): FilterNode {
    const unit = this.tokens[this.pos++];
    const seconds = unit?.kind === 'ident' ? TIME_UNITS[unit.value.toLowerCase()] : undefined;
    if (seconds === undefined) throw new FilterSyntaxError(`unsupported time unit '${unit ? describe(unit) : ''}' in filter`);
    this.expectOp('(');
    this.expectOp(')');
    this.expectOp('.');
    const ago = this.tokens[this.pos++];
    if (ago?.kind !== 'ident' || ago.value.toLowerCase() !== 'ago') throw new FilterSyntaxError('only .ago() is supported after a time unit');
    this.expectOp('(');
    this.expectOp(')');
    return { type: 'ago', seconds: count * seconds };
  }

  private identifier(name: string): FilterNode {
    if (name.toLowerCase() === 'session' && this.op('.')) {
      const constant = this.tokens[this.pos++];
      const value = constant?.kind === 'ident' ? SESSION_CONSTANTS[constant.value.toLowerCase()] : undefined;
      if (value === undefined) throw new FilterSyntaxError(`unsupported constant Session.${constant ? describe(constant) : ''}`);
      return { type: 'number', value };
    }
    const column = parseColumn(name);
    if (!column || this.peekOp('(') || this.peekOp('.')) throw new FilterSyntaxError(`unsupported identifier '${name}' in filter`);
    return { type: 'column', column };
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.pos];
    if (token?.kind === 'ident' && token.value.toLowerCase() === word) {
      this.pos++;
      return true;
    }
    return false;
  }

  private peekOp(value: string): boolean {
    const token = this.tokens[this.pos];
    return token?.kind === 'op' && token.value === value;
  }

  private op(value: string): boolean {
    if (!this.peekOp(value)) return false;
    this.pos++;
    return true;
  }

  private expectOp(value: string): void {
    if (!this.op(value)) throw new FilterSyntaxError(`expected '${value}' in filter`);
  }
}

function describe(token: Token): string {
  return String(token.value);
}

type Value = number | string | boolean | null;

/** Evaluates a filter for one row; `nowSeconds` anchors `.ago()`. */
export function matchesFilter(node: FilterNode, read: ColumnReader, nowSeconds: number): boolean {
  return truthy(evaluate(node, read, nowSeconds));
}

function evaluate(node: FilterNode, read: ColumnReader, now: number): Value {
  switch (node.type) {
    case 'number':
    case 'string':
      return node.value;
    case 'ago':
      return now - node.seconds;
    case 'column':
      return read(node.column);
    case 'not':
      return !truthy(evaluate(node.operand, read, now));
    case 'and':
      return truthy(evaluate(node.left, read, now)) && truthy(evaluate(node.right, read, now));
    case 'or':
      return truthy(evaluate(node.left, read, now)) || truthy(evaluate(node.right, read, now));
    case 'in': {
      const left = evaluate(node.left, read, now);
      return node.items.some((item) => compare('==', left, evaluate(item, read, now)));
    }
    case 'compare':
      return compare(node.op, evaluate(node.left, read, now), evaluate(node.right, read, now));
  }
}

function compare(op: CompareOp, left: Value, right: Value): boolean {
  if (op === '=~') return wildcard(String(right ?? '')).test(String(left ?? ''));
  if (typeof left === 'number' || typeof right === 'number') {
    const a = toNumber(left);
    const b = toNumber(right);
    switch (op) {
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
  }
  const a = String(left ?? '').toLowerCase();
  const b = String(right ?? '').toLowerCase();
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function toNumber(value: Value): number {
  if (value === null || value === '') return 0;
  return Number(value);
}

function truthy(value: Value): boolean {
  if (typeof value === 'string') return value !== '';
  if (typeof value === 'number') return value !== 0;
  return value === true;
}

function wildcard(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'is');
}

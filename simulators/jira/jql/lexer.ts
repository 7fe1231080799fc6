/** Tokens of JQL: quoted strings keep their quotedness so a quoted `"AND"` is a value, never a keyword. */

export class JqlError extends Error {
  override readonly name = 'JqlError';
}

export type TokenKind = 'word' | 'string' | 'op' | '(' | ')' | ',' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Unescaped text (for strings), operator text, or the bare word. */
  text: string;
  /** Offset in the query, for "(line 1, character 9)" in error messages. */
  at: number;
}

/** Characters that end a bare word; anything else (letters, digits, `-`, `.`, `:`, `/`, `*`) can be in one. */
const WORD_END = /[\s()=!<>~,"']/;

export function position(query: string, at: number): string {
  const before = query.slice(0, at);
  const line = before.split('\n').length;
  const character = at - (before.lastIndexOf('\n') + 1) + 1;
  return `(line ${line}, character ${character})`;
}

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t', r: '\r', ' ': ' ' };

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, at: i });
      i++;
    } else if (c === '"' || c === "'") {
      const start = i;
      let text = '';
      i++;
      for (;;) {
        if (i >= query.length) {
          throw new JqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed. ${position(query, start)}`);
        }
        const ch = query[i];
        if (ch === c) {
          i++;
          break;
        }
        if (ch === '\\') {
          const next = query[i + 1];
          if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(query.slice(i + 2, i + 6))) {
            text += String.fromCharCode(parseInt(query.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          if (next === undefined || !(next in ESCAPES)) {
            throw new JqlError(
              `Error in the JQL Query: The escape sequence '\\${next ?? ''}' in the string '${text}' is illegal. ${position(query, i)}`,
            );
          }
          text += ESCAPES[next];
          i += 2;
          continue;
        }
        text += ch;
        i++;
      }
      tokens.push({ kind: 'string', text, at: start });
    } else if ('=!<>~'.includes(c)) {
      const two = query.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=' || two === '!~') {
        tokens.push({ kind: 'op', text: two, at: i });
        i += 2;
      } else if (c === '!') {
        throw new JqlError(`Error in the JQL Query: The character '!' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0021' instead. ${position(query, i)}`);
      } else {
        tokens.push({ kind: 'op', text: c, at: i });
        i++;
      }
    } else {
      const start = i;
      while (i < query.length && !WORD_END.test(query[i])) i++;
      tokens.push({ kind: 'word', text: query.slice(start, i), at: start });
    }
  }
  tokens.push({ kind: 'eof', text: '', at: query.length });
  return tokens;
}

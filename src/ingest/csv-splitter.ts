/**
 * A streaming RFC 4180 splitter: feed text chunks, receive rows of cells with the physical line on
 * which each row starts. Handles a BOM, CRLF and LF, quoted fields with `""` escapes and embedded
 * newlines. An unterminated quote at the end is reported, not thrown.
 */
export interface CsvRow {
  /** 1-based physical line where the row starts (what an editor shows). */
  readonly row: number;
  readonly cells: string[];
  /** Set when the row could not be read as CSV (unterminated quote, text after a closing quote). */
  readonly error?: string;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Creates a splitter; `push` returns the rows completed by the chunk, `end` the rest. */
export function createCsvSplitter(): { push(chunk: string): CsvRow[]; end(): CsvRow[] } {
  let carry = '';
  let line = 1;
  let first = true;

  function split(text: string, final: boolean): CsvRow[] {
    const rows: CsvRow[] = [];
    let i = 0;
    const n = text.length;
    let nextQuote = -1;
    let nextCr = -1;
    while (i < n) {
      // Fast path (most rows): no quote before the end of the line, so a native split is exact.
      const nl = text.indexOf('\n', i);
      if (nl !== -1) {
        const end = nl > i && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (nextQuote < i) nextQuote = positionOf(text, '"', i);
        if (nextCr < i) nextCr = positionOf(text, '\r', i);
        if (nextQuote > nl && nextCr >= end) {
          if (end > i) rows.push({ row: line, cells: text.slice(i, end).split(',') });
          line++;
          i = nl + 1;
          continue;
        }
      } else if (!final) {
        return keep(rows, text, i, line);
      }
      const rowStart = i;
      const rowLine = line;
      let lines = 0;
      const cells: string[] = [];
      let error: string | undefined;
      let complete = false;
      for (;;) {
        // one field
        if (i < n && text.charCodeAt(i) === QUOTE) {
          let j = i + 1;
          let value = '';
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', j);
            if (q === -1) break;
            value += text.slice(j, q);
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              value += '"';
              j = q + 2;
              continue;
            }
            if (q + 1 >= n && !final) break; // cannot tell yet whether "" follows
            closed = true;
            j = q + 1;
            break;
          }
          if (!closed) {
            if (!final) return keep(rows, text, rowStart, rowLine);
            error = 'unterminated quoted field';
            const rest = text.slice(i + 1);
            lines += count(rest);
            cells.push(rest);
            i = n;
            complete = true;
            break;
          }
          lines += count(value);
          i = j;
          // text after the closing quote up to the delimiter is malformed
          let k = i;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === COMMA || c === LF || c === CR) break;
            k++;
          }
          if (k > i) {
            error ??= 'text after a closing quote';
            value += text.slice(i, k);
            i = k;
          }
          cells.push(value);
        } else {
          let k = i;
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === COMMA || c === LF || c === CR) break;
            k++;
          }
          if (k >= n && !final) return keep(rows, text, rowStart, rowLine);
          cells.push(text.slice(i, k));
          i = k;
        }
        if (i >= n) {
          if (!final) return keep(rows, text, rowStart, rowLine);
          complete = true;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          continue;
        }
        // end of row
        if (c === CR) {
          if (i + 1 >= n && !final) return keep(rows, text, rowStart, rowLine);
          i += i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        lines++;
        complete = true;
        break;
      }
      if (complete) {
        line = rowLine + lines;
        if (!(cells.length === 1 && cells[0] === '' && error === undefined)) {
          rows.push(error === undefined ? { row: rowLine, cells } : { row: rowLine, cells, error });
        }
      }
    }
    carry = '';
    return rows;
  }

  function keep(rows: CsvRow[], text: string, from: number, rowLine: number): CsvRow[] {
    carry = text.slice(from);
    line = rowLine;
    return rows;
  }

  return {
    push(chunk) {
      let text = carry + chunk;
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      return split(text, false);
    },
    end() {
      const text = carry;
      carry = '';
      return text === '' ? [] : split(text, true);
    },
  };
}

function count(text: string): number {
  let c = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === LF) c++;
    else if (ch === CR && text.charCodeAt(i + 1) !== LF) c++;
  }
  return c;
}

/** Position of `ch` at or after `from`, or +Infinity. */
function positionOf(text: string, ch: string, from: number): number {
  const p = text.indexOf(ch, from);
  return p === -1 ? Number.POSITIVE_INFINITY : p;
}

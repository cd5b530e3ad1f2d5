/**
 * CSV as RFC 4180 has it: fields separated by commas, records by CRLF or LF; a field holding a comma, a
 * quote or a line break is quoted, and a quote inside it is doubled ("Smith, John ""Jack"""). Strict on
 * reading: a quote in the middle of an unquoted field, text after a closing quote, or a quote never closed
 * is an error naming its line, never a guess.
 */

export type CsvRecord = {
  /** The line of the file the record starts on, from 1 (a quoted line break makes a record span lines). */
  line: number;
  fields: string[];
};

export type CsvParse = { records: CsvRecord[]; errors: { line: number; message: string }[] };

/** Every record of the text, blank lines skipped; a record with a syntax error is reported and left out. */
export function parseCsv(input: string): CsvParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input; // a byte-order mark from spreadsheet programs
  const records: CsvRecord[] = [];
  const errors: CsvParse['errors'] = [];
  let i = 0;
  let line = 1;

  const atLineEnd = (j: number) => text[j] === '\n' || text[j] === '\r';
  /** Past the line break at j (CRLF, LF or a lone CR); counts the line. */
  const skipLineEnd = (j: number) => {
    line++;
    return text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
  };

  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let error: string | null = null;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) {
            error = 'a quoted field is never closed (a quote is missing)';
            break;
          }
          const ch = text[i] as string;
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\r' || ch === '\n') {
            field += ch === '\r' && text[i + 1] === '\n' ? '\r\n' : ch;
            i = skipLineEnd(i);
            continue;
          }
          field += ch;
          i++;
        }
        if (error) break;
        if (i < text.length && text[i] !== ',' && !atLineEnd(i)) error = 'text after a closing quote: quote the whole field';
      } else {
        while (i < text.length && text[i] !== ',' && !atLineEnd(i)) {
          if (text[i] === '"') {
            error = 'a quote inside a field that is not quoted: quote the whole field and double the quote';
            break;
          }
          field += text[i];
          i++;
        }
      }
      if (error) break;
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break; // a line end or the end of the text
    }
    if (error) {
      errors.push({ line: start, message: error });
      if (i >= text.length) break;
      while (i < text.length && !atLineEnd(i)) i++; // go on with the next line
    } else if (!(fields.length === 1 && fields[0] === '')) {
      records.push({ line: start, fields });
    }
    if (i < text.length) i = skipLineEnd(i);
  }
  return { records, errors };
}

/**
 * A cell a spreadsheet would run as a formula (OWASP, CSV injection): one starting with =, +, -, @, a tab or
 * a carriage return gets a leading apostrophe, so it reads as text. A plain number ("-12.50") is left alone:
 * the billing system reads amounts as numbers.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?[0-9]+(\.[0-9]+)?$/.test(value) ? `'${value}` : value;
}

/** One field as CSV: formulas neutralised, quoted only when it must be. */
export function csvField(raw: string): string {
  const value = neutraliseFormula(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Records as CSV text: CRLF line ends (RFC 4180), one after the last record too. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

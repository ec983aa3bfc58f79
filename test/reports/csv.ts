/** RFC 4180 records of one CSV text (quoted fields, doubled quotes, CRLF or LF); throws on a malformed quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        if (i < text.length && !',\r\n'.includes(text[i])) throw new Error(`text after a closing quote at ${i}`);
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The report's tables: blocks of records separated by an empty line, each block with its header first. */
export function csvTables(text: string): string[][][] {
  const tables: string[][][] = [[]];
  for (const record of parseCsv(text)) {
    if (record.length === 1 && record[0] === '') tables.push([]);
    else tables[tables.length - 1].push(record);
  }
  return tables.filter((t) => t.length > 0);
}

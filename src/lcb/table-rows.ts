/**
 * Rows of a table-shaped data set (test_generation, execution-v2, CRUXEval) from Parquet or JSON Lines,
 * each with its source (file and 1-based line or row number) so parse errors can point at it.
 */
import type { RowSource } from '../contracts/lcb-problem.ts';
import type { InputError } from '../core/errors.ts';
import { readLocatedLines } from './line-reader.ts';
import { type LoadOptions, parseRow } from './load-options.ts';
import type { TableFiles } from './location.ts';
import { readParquetRows } from './parquet.ts';
import { parseJsonLine } from './rows.ts';

/** One row as read, before scenario-specific parsing. */
export interface TableRow {
  value: Record<string, unknown>;
  where: RowSource;
}

/** Every row of the table's files in file order; malformed JSON lines follow the options' bad-row policy. */
export async function* readTableRows(
  table: TableFiles,
  options: LoadOptions,
  invalid: InputError[],
): AsyncGenerator<TableRow> {
  for (const file of table.files) {
    if (table.format === 'parquet') {
      const rows = await readParquetRows(file);
      for (let i = 0; i < rows.length; i++) yield { value: rows[i]!, where: { file, line: i + 1 } };
      continue;
    }
    for await (const { line, text } of readLocatedLines(file)) {
      if (text.trim() === '') continue;
      const where = { file, line };
      const value = parseRow(options, invalid, () => parseJsonLine(text, where));
      if (value !== undefined) yield { value, where };
    }
  }
}

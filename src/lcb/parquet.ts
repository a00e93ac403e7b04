/**
 * Rows of the Parquet files LCB publishes (`test_generation/test.parquet`, `execution-v2/data/test-*.parquet`)
 * as plain objects. int64 columns come back as bigint; timestamps (ms, µs or ns) as bigint microseconds,
 * exact, read without a time zone as LCB's naive datetimes.
 */
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../core/errors.ts';

const parsers = {
  timestampFromMilliseconds: (ms: bigint) => ms * 1000n,
  timestampFromMicroseconds: (us: bigint) => us,
  timestampFromNanoseconds: (ns: bigint) => ns / 1000n,
};

/** Every row of a Parquet file, as objects keyed by column name. */
export async function readParquetRows(file: string): Promise<Record<string, unknown>[]> {
  let buffer: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  try {
    buffer = await asyncBufferFromFile(file);
  } catch (error) {
    throw new InputError(file, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return await parquetReadObjects({ file: buffer, compressors, parsers });
  } catch (error) {
    throw new InputError(file, `not a readable Parquet file: ${(error as Error).message}`);
  }
}

/**
 * Reference answers stored beside a data set in `references/` (docs/data.md): code-generation solutions
 * with a wrong variant each, and the true outputs of test-output-prediction and code-execution rows.
 * The embedded sample ships them; any dataset directory may add its own.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  CodeExecutionReference,
  CodeGenerationReference,
  TestOutputPredictionReference,
} from '../contracts/lcb-references.ts';
import { InputError } from '../core/errors.ts';
import { readLocatedLines } from './line-reader.ts';
import { type DatasetLayout, resolveDataset } from './location.ts';
import { checkRaw, parseJsonLine } from './rows.ts';

/** Reference answers keyed as each scenario's problems are: question_id, `question_id/test_id`, id. */
export interface References {
  codeGeneration: Map<string, CodeGenerationReference>;
  testOutputPrediction: Map<string, TestOutputPredictionReference>;
  codeExecution: Map<string, CodeExecutionReference>;
}

/** The `references/` file of each scenario. */
export const REFERENCE_FILES = {
  codeGeneration: 'code_generation.jsonl',
  testOutputPrediction: 'test_output_prediction.jsonl',
  codeExecution: 'code_execution.jsonl',
} as const;

async function readKeyed<S extends z.ZodType>(
  file: string,
  schema: S,
  key: (row: z.output<S>) => string,
): Promise<Map<string, z.output<S>>> {
  const out = new Map<string, z.output<S>>();
  if (!existsSync(file)) return out;
  for await (const { line, text } of readLocatedLines(file)) {
    if (text.trim() === '') continue;
    const where = { file, line };
    const row = checkRaw(schema, parseJsonLine(text, where), where);
    const id = key(row);
    if (out.has(id)) throw new InputError(file, `duplicate reference for ${id}`, { line });
    out.set(id, row);
  }
  return out;
}

/** Read the reference answers of a dataset location (`sample` or a directory); empty maps where absent. */
export async function loadReferences(location: string | DatasetLayout): Promise<References> {
  const layout = typeof location === 'string' ? resolveDataset(location) : location;
  const dir = join(layout.root, 'references');
  return {
    codeGeneration: await readKeyed(
      join(dir, REFERENCE_FILES.codeGeneration),
      CodeGenerationReference,
      (row) => row.question_id,
    ),
    testOutputPrediction: await readKeyed(
      join(dir, REFERENCE_FILES.testOutputPrediction),
      TestOutputPredictionReference,
      (row) => `${row.question_id}/${row.test_id}`,
    ),
    codeExecution: await readKeyed(
      join(dir, REFERENCE_FILES.codeExecution),
      CodeExecutionReference,
      (row) => row.id,
    ),
  };
}

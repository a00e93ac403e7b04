/** Shared vocabulary of the graders: faithfulness modes (zod only; model styles are in `lm-style.ts`). */
import { z } from 'zod';

/**
 * `lcb` reproduces upstream LiveCodeBench verdicts, quirks included; `fixed` repairs each documented
 * quirk (docs/faithfulness.md).
 */
export const GraderModeSchema = z.enum(['lcb', 'fixed']);
/** A faithfulness mode. */
export type GraderMode = z.infer<typeof GraderModeSchema>;

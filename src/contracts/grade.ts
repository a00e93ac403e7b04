/** Shared vocabulary of the graders: faithfulness modes and LCB's model styles (zod only). */
import { z } from 'zod';

/**
 * `lcb` reproduces upstream LiveCodeBench verdicts, quirks included; `fixed` repairs each documented
 * quirk (docs/faithfulness.md).
 */
export const GraderModeSchema = z.enum(['lcb', 'fixed']);
/** A faithfulness mode. */
export type GraderMode = z.infer<typeof GraderModeSchema>;

/** LCB's `LMStyle` names (lcb_runner/lm_styles.py), which pick prompt formats and code extraction. */
export const LmStyleSchema = z.enum([
  'OpenAIChat',
  'OpenAIReasonPreview',
  'OpenAIReason',
  'Claude',
  'Claude3',
  'Claude3Thinking',
  'Gemini',
  'GeminiThinking',
  'Grok',
  'MistralWeb',
  'CohereCommand',
  'DataBricks',
  'DeepSeekAPI',
  'GenericBase',
  'DeepSeekCodeInstruct',
  'CodeLLaMaInstruct',
  'StarCoderInstruct',
  'CodeQwenInstruct',
  'QwQ',
  'LLaMa3',
  'DeepSeekR1',
  'TogetherAI',
]);
/** One of LCB's model styles. */
export type LmStyle = z.infer<typeof LmStyleSchema>;

/** Public entry of `models/`: the `Model` interface, its back-ends and their policies. */
export { AdaptiveConcurrency, type Clock, systemClock } from './adaptive-concurrency.ts';
export { ModelError, type ModelErrorKind } from './errors.ts';
export { OpenAiModel } from './openai-model.ts';
export {
  type OracleAnswer,
  type OracleLookup,
  OracleModel,
  oracleText,
  pythonLiteralOfJson,
} from './oracle.ts';
export {
  createModel,
  type ModelDependencies,
  type ModelFactory,
  parseModelPath,
  registerModelBackend,
} from './registry.ts';
export { parseReplayRow, ReplayModel } from './replay.ts';
export { DirectoryResponseCache, noResponseCache, type ResponseCache } from './response-cache.ts';
export {
  type GenerationRequest,
  type GenerationResult,
  type Model,
  testOutputProblemId,
} from './types.ts';

/**
 * The LiveCodeBench data layer: loaders for the four scenarios (streaming, filtered, in LCB's order),
 * test-case decoding, release versions, errata, subsampling, evaluation samples and the sample set's
 * reference answers. Other rooms import from here.
 */

export { codeExecutionView, loadCodeExecution, loadCruxEval } from './code-execution.ts';
export {
  type CodeGenerationLoadOptions,
  CodeGenerationSet,
  codeGenerationView,
  loadCodeGeneration,
  openCodeGeneration,
} from './code-generation.ts';
export { monthOf, type NaiveDateTime, parseDateBound, parseNaiveDateTime } from './dates.ts';
export { errataEntries, findErrata } from './errata.ts';
export {
  type CodeGenerationSample,
  codeExecutionSample,
  codeGenerationSample,
  testOutputPredictionSample,
} from './evaluation-sample.ts';
export {
  type CompiledFilter,
  compileFilter,
  type FilterView,
  inDateWindow,
  matchesFilter,
  selectProblems,
} from './filters.ts';
export { codeExecutionKey, codeGenerationKey, testOutputPredictionKey } from './keys.ts';
export { compareCodePoints, type LoadOptions, type LoadReport, type LoadResult } from './load-options.ts';
export { type DatasetLayout, resolveDataset, SAMPLE_DIR, SAMPLE_NAME } from './location.ts';
export { PickleError, readPickledString } from './pickle.ts';
export { loadReferences, REFERENCE_FILES, type References } from './references.ts';
export { allocateStrata, stratifiedSubsample } from './subsample.ts';
export { decodePrivateTestCases, decodePublicTestCases, TestCaseDecodeError } from './test-cases.ts';
export { loadTestOutputPrediction } from './test-output-prediction.ts';
export {
  DEFAULT_RELEASE_VERSION,
  isReleaseVersion,
  LATEST_RELEASE,
  RELEASE_FILES,
  releaseFiles,
  releaseVersionTags,
} from './versions.ts';

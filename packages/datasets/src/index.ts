export { type IntRange, type IntRangeLike } from "./validate";
export { SPECIAL_TOKENS, Vocabulary, type VocabularyJSON, splitTokens } from "./vocabulary";
export {
  type TokenBatch,
  type TokenBatchInput,
  type TokenBatchOptions,
  TokenBatchEncoder,
  encodeTokenBatch,
} from "./tokenBatch";
export { type BatchOptions, batchIterator, chunked } from "./batches";
export {
  AGREEMENT_PRESETS,
  type AgreementConfig,
  type AgreementOptions,
  type ConfigLike,
  type Framing,
  type HeldOutRole,
  type MaterialWeights,
  type PresetName,
  type TargetLevel,
  agreementConfig,
  maxAttractorsFor,
  minDistanceFor,
} from "./agreement/config";
export type { TokenNumber } from "./agreement/lexicon";
export {
  type AgreementExample,
  AgreementGenerator,
  type AgreementMeta,
  type AgreementPair,
  type SampleOptions,
} from "./agreement/generator";
export { SentenceSet } from "./agreement/sentenceSet";
export {
  AGREEMENT_STREAMS,
  type AgreementSplit,
  type AgreementSplits,
  type AgreementStream,
  type SplitSizes,
  type StreamOptions,
  agreementSplits,
  generateAgreement,
  streamAgreement,
  streamRandom,
} from "./agreement/dataset";
export {
  type AgreementTestSets,
  type AttractorBucket,
  type DistanceBucket,
  type TestSetOptions,
  agreementTestSets,
  equalDistanceBins,
  logDistanceBuckets,
} from "./agreement/testSets";
export { type EncodeAgreementOptions, agreementEncoder, encodeAgreement } from "./agreement/encode";
export {
  AUDIT_SHORTCUTS,
  type AuditOptions,
  type AuditShortcut,
  SHORTCUTS,
  type Shortcut,
  type ShortcutAccuracy,
  type ShortcutScore,
  agreementShortcuts,
  shortcutAudit,
} from "./agreement/shortcuts";
export {
  type AgreementSummary,
  AgreementStats,
  type FieldSummary,
  type Histogram,
  formatSummary,
  summarizeAgreement,
} from "./agreement/stats";
export {
  AGREEMENT_COLUMNS,
  type AgreementRow,
  type PairRow,
  type ParseRowOptions,
  agreementRow,
  parseAgreementRow,
} from "./io/agreementRow";
export type { RowError } from "./io/rowError";
export { fromJSONL, jsonlLines, toJSONL } from "./io/jsonl";
export { type CSVRecord, fromCSV, parseCSV, toCSV } from "./io/csv";
export { type Baseline, type TaskBatch, type SequenceTask, taskBatches } from "./tasks/sequenceTask";
export { type AddingOptions, addingProblem } from "./tasks/adding";
export { TEMPORAL_ORDER_SYMBOLS, type TemporalOrderOptions, temporalOrder } from "./tasks/temporalOrder";
export { type CopyMemoryOptions, copyMemory } from "./tasks/copyMemory";

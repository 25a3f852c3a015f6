export { type GradList } from "./grads";
export { type NonFiniteCounts } from "./kernels";
export { NonFiniteGradientError } from "./errors";
export { type NormType } from "./norms";
export {
  ClipStrategyBase,
  type ClipContext,
  type ClipOutcome,
  type ClipSpecObject,
  type ClipState,
  type ClipStats,
  type ClipStrategy,
  type ZClipStreamState,
} from "./strategy";
export { clipGradValue, ValueClip } from "./strategies/value";
export { clipGradNorm, clipGradsWithNorm, getTotalNorm, GlobalNormClip, NORM_EPS, type GlobalNormOptions } from "./strategies/globalNorm";
export { clipGradNormPerTensor, PerTensorNormClip } from "./strategies/perTensorNorm";
export { clipByGlobalNorm, TFGlobalNormClip } from "./strategies/tfGlobalNorm";
export { clipGradBlockRms, BlockRmsClip } from "./strategies/blockRms";
export { adaptiveGradClip, AGCClip, AGC_GRAD_EPS, type AGCOptions } from "./strategies/agc";
export { AutoClip, type AutoClipOptions } from "./strategies/autoClip";
export { ZClip, type ZClipOptions } from "./strategies/zClip";
export { ErrorOnNonFinite } from "./policies/errorOnNonFinite";
export { SkipNonFinite } from "./policies/skipNonFinite";
export { zeroNans, ZeroNans } from "./policies/zeroNans";
export { ApplyIfFinite } from "./policies/applyIfFinite";
export { Chain, chain } from "./chain";
export { CLIP_KINDS, CLIP_SPEC_FORMS, NON_FINITE_POLICY_KINDS, parseClipSpec, type ClipKind, type ClipSpec } from "./spec";
export { percentileOfSorted } from "./percentile";

// The demo's shortcut audit: every memory-free strategy of @vanish/datasets' `shortcutAudit`, fitted on sentences
// drawn like the training stream and scored on the demo's own agreement test sentences (the distance buckets the
// report draws), counting only those whose subject is at least 4 words from its verb. A strategy near 50% there
// means that a model above it must have carried the subject's number.
import { agreementTestSets, generateAgreement, shortcutAudit, AgreementGenerator, type ShortcutScore } from "@vanish/datasets";
import type { RunConfig } from "../engine/config";

/** The distance from which the audit counts a sentence (closer in, the last noun is the subject: short memory). */
export const AUDIT_MIN_DISTANCE = 4;

/** Sentences the lookup-table strategies are fitted on. */
const FIT_COUNT = 4000;

/** The audit of an agreement run's test sentences (the same sentences whatever the cell), or [] for other tasks. */
export function demoShortcuts(config: RunConfig): ShortcutScore[] {
  if (config.task.name !== "agreement") return [];
  const knobs = { ...config.task.knobs, preset: config.task.preset };
  const perBucket = config.evalBatches * config.batchSize;
  const test = agreementTestSets(config.seed, knobs, { perBucket }).byDistance.flatMap((b) => b.examples);
  // Drawn from the training split of the seed's stream: the sentences a memory-free learner could have fitted.
  const fit = generateAgreement(config.seed, knobs, FIT_COUNT, { split: "train" });
  return shortcutAudit(fit, test, new AgreementGenerator(knobs).lexicon, { minDistance: AUDIT_MIN_DISTANCE });
}

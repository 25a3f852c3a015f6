import { describe, expect, it } from "vitest";
import * as api from "./index";

describe("@vanish/datasets", () => {
  it("exports exactly its public API", () => {
    expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
      [
        "AGREEMENT_COLUMNS",
        "AGREEMENT_PRESETS",
        "AGREEMENT_STREAMS",
        "AUDIT_SHORTCUTS",
        "AgreementGenerator",
        "AgreementStats",
        "SHORTCUTS",
        "SPECIAL_TOKENS",
        "SentenceSet",
        "TEMPORAL_ORDER_SYMBOLS",
        "TokenBatchEncoder",
        "Vocabulary",
        "addingProblem",
        "agreementConfig",
        "agreementEncoder",
        "agreementRow",
        "agreementShortcuts",
        "agreementSplits",
        "agreementTestSets",
        "batchIterator",
        "chunked",
        "copyMemory",
        "encodeAgreement",
        "encodeTokenBatch",
        "equalDistanceBins",
        "formatSummary",
        "fromCSV",
        "fromJSONL",
        "generateAgreement",
        "jsonlLines",
        "logDistanceBuckets",
        "maxAttractorsFor",
        "minDistanceFor",
        "parseAgreementRow",
        "parseCSV",
        "shortcutAudit",
        "splitTokens",
        "streamAgreement",
        "streamRandom",
        "summarizeAgreement",
        "taskBatches",
        "temporalOrder",
        "toCSV",
        "toJSONL",
      ]
    `);
  });
});

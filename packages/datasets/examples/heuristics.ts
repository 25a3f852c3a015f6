// Accuracy of memory-free shortcuts on each preset (number prediction, test split): what a model that does not hold
// the right subject's number can still score. Usage: tsx examples/heuristics.ts [examples=20000]
import { AgreementGenerator, type PresetName, SHORTCUTS, agreementShortcuts, generateAgreement } from "../src/index";

const N = Number(process.argv[2] ?? 20_000);
console.log(`Accuracy of memory-free shortcuts, ${N.toLocaleString("en")} test examples per preset (chance 50%)`);
console.log(`| preset | ${SHORTCUTS.join(" | ")} |`);
console.log(`|---|${SHORTCUTS.map(() => "---").join("|")}|`);
for (const preset of ["easy", "default", "hard"] as PresetName[]) {
  const s = agreementShortcuts(
    generateAgreement(1, preset, N, { split: "test" }),
    new AgreementGenerator(preset).lexicon,
  );
  console.log(`| ${preset} | ${SHORTCUTS.map((k) => `${(100 * s[k]).toFixed(1)}%`).join(" | ")} |`);
}

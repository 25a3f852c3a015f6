// Generated examples and summaries of each preset, as shown in the README. Run: tsx examples/presets.ts
import {
  AgreementGenerator,
  type PresetName,
  formatSummary,
  generateAgreement,
  summarizeAgreement,
} from "../src/index";

for (const preset of ["easy", "default", "hard"] as PresetName[]) {
  const vocab = new AgreementGenerator(preset).vocabulary;
  console.log(`\n### ${preset}\n`);
  for (const x of generateAgreement(1, preset, 3, { split: "test" })) {
    const words = vocab.decode(x.sentence);
    const m = x.meta;
    // Mark the target subject and verb.
    words[m.subject] = `[${words[m.subject]}]`;
    words[m.verb] = `[${words[m.verb]}]`;
    const { pairs, framing, correct, wrong, ...rest } = m;
    console.log(words.join(" "));
    console.log(`  input: ${x.ids.length} words → label ${x.label} (${x.label ? "plural" : "singular"})`);
    console.log(`  meta: ${JSON.stringify({ ...rest, correct: vocab.word(correct), wrong: vocab.word(wrong) })}`);
    console.log(
      `  pairs: ${pairs
        .map(
          (p) =>
            `${vocab.word(x.sentence[p.subject])}@${p.subject}→${vocab.word(p.correct)}@${p.verb} (${p.role} ${
              p.depth
            }, a=${p.attractors})`,
        )
        .join("; ")}`,
    );
  }
  console.log(`\n${formatSummary(summarizeAgreement(generateAgreement(1, preset, 10_000, { split: "test" })))}`);
}

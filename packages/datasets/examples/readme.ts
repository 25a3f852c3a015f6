// The README's opening example. Run: tsx examples/readme.ts
import { AgreementGenerator, agreementSplits, batchIterator, encodeAgreement } from "../src/index";

const { train, test } = agreementSplits(1, "default", { train: 10_000, test: 1_000 });
const vocab = new AgreementGenerator("default").vocabulary;

const x = test[0];
console.log(vocab.decode(x.ids).join(" "), "→", x.label === 1 ? "plural" : "singular");
console.log(`distance ${x.meta.distance}, attractors ${x.meta.attractors}, depth ${x.meta.depth}/${x.meta.nesting}`);

for (const batch of batchIterator(train, { batchSize: 32, rng: 7 })) {
  const encoded = encodeAgreement(batch); // { T, B, ids [T, B], mask [T, B], lengths [B], labels [B], meta }
  console.log(encoded.T, encoded.B, encoded.ids.length, Array.from(encoded.labels!.slice(0, 8)).join(""));
  break;
}

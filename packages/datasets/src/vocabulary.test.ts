import { describe, expect, it } from "vitest";
import { SPECIAL_TOKENS, Vocabulary, splitTokens } from "./vocabulary";

describe("Vocabulary", () => {
  const vocab = new Vocabulary(["the", "cat", "is", ","]);

  it("reserves pad, unk, bos and eos as ids 0–3", () => {
    expect([vocab.padId, vocab.unkId, vocab.bosId, vocab.eosId]).toEqual([0, 1, 2, 3]);
    expect(SPECIAL_TOKENS.map((t) => vocab.id(t))).toEqual([0, 1, 2, 3]);
    expect(vocab.size).toBe(8);
    expect(vocab.word(4)).toBe("the");
  });

  it("round-trips words through ids, mapping unknown words to unk", () => {
    const ids = vocab.encode("the cat , is  happy ");
    expect(Array.from(ids)).toEqual([4, 5, 7, 6, 1]);
    expect(vocab.decode(ids)).toEqual(["the", "cat", ",", "is", "<unk>"]);
    expect(vocab.decode([2, 4, 5, 3, 0], { skipSpecial: true })).toEqual(["the", "cat"]);
    expect(Array.from(vocab.encode(["cat", "dog"]))).toEqual([5, 1]);
    expect(vocab.has("cat")).toBe(true);
    expect(vocab.has("dog")).toBe(false);
  });

  it("round-trips through JSON", () => {
    const copy = Vocabulary.fromJSON(JSON.parse(JSON.stringify(vocab)));
    expect(copy.toJSON()).toEqual({ words: ["the", "cat", "is", ","] });
    expect(Array.from(copy.encode("is the cat"))).toEqual([6, 4, 5]);
  });

  it("builds from a token stream, keeping first-seen order", () => {
    const v = Vocabulary.fromTokens(["b", "a", "b", "<pad>", "c", "a"]);
    expect(v.toJSON().words).toEqual(["b", "a", "c"]);
  });

  it("rejects repeated, reserved and malformed words, and bad ids", () => {
    expect(() => new Vocabulary(["a", "a"])).toThrow(
      new RangeError('Vocabulary: words[1] "a" is repeated; words must be distinct and not reserved'),
    );
    expect(() => new Vocabulary(["<eos>"])).toThrow(
      new RangeError('Vocabulary: words[0] "<eos>" is reserved; words must be distinct and not reserved'),
    );
    expect(() => new Vocabulary(["a b"])).toThrow(
      new TypeError('Vocabulary: words[0] must be a non-empty string without whitespace, got "a b"'),
    );
    expect(() => vocab.word(8)).toThrow(new RangeError("Vocabulary.word: id must be in [0, 7], got 8"));
    expect(() => vocab.decode([4, 99])).toThrow(
      new RangeError("Vocabulary.decode: ids[1] must be an integer in [0, 7], got 99"),
    );
    expect(() => Vocabulary.fromJSON({} as never)).toThrow(
      new TypeError("Vocabulary.fromJSON: json.words must be an array of strings, got undefined"),
    );
  });

  it("splits text on whitespace", () => {
    expect(splitTokens("  a \t b\nc ")).toEqual(["a", "b", "c"]);
    expect(splitTokens("   ")).toEqual([]);
  });
});

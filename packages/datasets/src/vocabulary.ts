import { checkInt, show } from "./validate";

/** The reserved tokens, always ids 0–3 in this order. */
export const SPECIAL_TOKENS = ["<pad>", "<unk>", "<bos>", "<eos>"] as const;

/** Plain-data form of a {@link Vocabulary} (the words after the reserved ones, in id order). */
export interface VocabularyJSON {
  readonly words: readonly string[];
}

/**
 * A word ↔ id table with reserved ids `pad = 0`, `unk = 1`, `bos = 2`, `eos = 3`; the given words follow from id 4
 * in the order given. Tokens are whitespace-free strings; {@link Vocabulary.encode} splits a string on whitespace.
 *
 * @example
 * const vocab = new Vocabulary(["the", "cat", "is"]);
 * vocab.encode("the cat is");  // Int32Array [4, 5, 6]
 * vocab.decode([4, 5, 1]);     // ["the", "cat", "<unk>"]
 */
export class Vocabulary {
  static readonly PAD = 0;
  static readonly UNK = 1;
  static readonly BOS = 2;
  static readonly EOS = 3;

  readonly padId = Vocabulary.PAD;
  readonly unkId = Vocabulary.UNK;
  readonly bosId = Vocabulary.BOS;
  readonly eosId = Vocabulary.EOS;

  private readonly words: string[];
  private readonly ids = new Map<string, number>();

  /** @param words distinct, non-empty, whitespace-free tokens, none of them reserved. */
  constructor(words: Iterable<string>) {
    this.words = [...SPECIAL_TOKENS];
    for (const [i, special] of SPECIAL_TOKENS.entries()) this.ids.set(special, i);
    let index = 0;
    for (const word of words) {
      if (typeof word !== "string" || word.length === 0 || /\s/.test(word)) {
        throw new TypeError(
          `Vocabulary: words[${index}] must be a non-empty string without whitespace, got ${show(word)}`,
        );
      }
      if (this.ids.has(word)) {
        const what = (SPECIAL_TOKENS as readonly string[]).includes(word) ? "is reserved" : "is repeated";
        throw new RangeError(
          `Vocabulary: words[${index}] ${show(word)} ${what}; words must be distinct and not reserved`,
        );
      }
      this.ids.set(word, this.words.length);
      this.words.push(word);
      index++;
    }
  }

  /** A vocabulary of the distinct tokens of `tokens` in first-seen order (reserved tokens are skipped). */
  static fromTokens(tokens: Iterable<string>): Vocabulary {
    const seen = new Set<string>(SPECIAL_TOKENS);
    const words: string[] = [];
    for (const token of tokens) {
      if (!seen.has(token)) {
        seen.add(token);
        words.push(token);
      }
    }
    return new Vocabulary(words);
  }

  /** Restores a vocabulary from {@link Vocabulary.toJSON}. */
  static fromJSON(json: VocabularyJSON): Vocabulary {
    if (json === null || typeof json !== "object" || !Array.isArray(json.words)) {
      throw new TypeError(`Vocabulary.fromJSON: json.words must be an array of strings, got ${show(json?.words)}`);
    }
    return new Vocabulary(json.words);
  }

  /** Number of ids, including the four reserved ones. */
  get size(): number {
    return this.words.length;
  }

  /** Whether `word` has its own id (reserved tokens included). */
  has(word: string): boolean {
    return this.ids.has(word);
  }

  /** The id of `word`, or `unkId` if it is unknown. */
  id(word: string): number {
    return this.ids.get(word) ?? Vocabulary.UNK;
  }

  /** The word with id `id`. */
  word(id: number): string {
    checkInt("Vocabulary.word", "id", id, 0, this.words.length - 1);
    return this.words[id];
  }

  /** Ids of a token list, or of a string split on whitespace; unknown words map to `unkId`. */
  encode(text: string | readonly string[]): Int32Array {
    const tokens = typeof text === "string" ? splitTokens(text) : text;
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) out[i] = this.ids.get(tokens[i]) ?? Vocabulary.UNK;
    return out;
  }

  /** Words of an id sequence; with `skipSpecial`, pad/unk/bos/eos are left out. */
  decode(ids: ArrayLike<number>, { skipSpecial = false } = {}): string[] {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0 || id >= this.words.length) {
        throw new RangeError(
          `Vocabulary.decode: ids[${i}] must be an integer in [0, ${this.words.length - 1}], got ${id}`,
        );
      }
      if (skipSpecial && id < SPECIAL_TOKENS.length) continue;
      out.push(this.words[id]);
    }
    return out;
  }

  /** The words after the reserved ones, in id order. */
  toJSON(): VocabularyJSON {
    return { words: this.words.slice(SPECIAL_TOKENS.length) };
  }
}

/** Splits on runs of whitespace, ignoring leading and trailing whitespace. */
export function splitTokens(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === "" ? [] : trimmed.split(/\s+/);
}

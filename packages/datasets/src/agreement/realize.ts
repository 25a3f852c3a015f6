// Pass 2b, the words: determiners, nouns and verb forms written over the draft's placeholders, and the finished
// example (sentence, model input, label, metadata) carved from a shared slab.
import { type Draft, NEUTRAL, ROLES } from "./draft";
import type { AgreementExample, AgreementMeta, AgreementPair } from "./example";
import { pick, unit } from "./random";

/** Ids per slab that example sentences are carved from (256 KB). */
const SLAB_SIZE = 65536;

/**
 * Writes determiners, nouns and verb forms; returns whether the target subject (`d.targetSlot`) is a held-out noun.
 * With `heldOutSplit` the target subject is drawn from the held-out nouns.
 */
export function realize(d: Draft, heldOutSplit: boolean): boolean {
  const rng = d.rng;
  const lex = d.lexicon;
  const tables = d.tables;
  const tok = d.tokens;
  const { determinerAt, nounAt, kind, agrees, number } = d.nounPhrases;
  const target = d.targetSlot;
  const varied = d.config.determiners === "varied";
  let heldOut = false;
  for (let s = 0; s < d.nounPhrases.count; s++) {
    const num = number[s];
    let noun: number;
    let det: number;
    if (num === NEUTRAL) {
      noun = pick(rng, tables.neutralPool[kind[s]]);
      det = lex.the;
    } else {
      const pool =
        s === target && heldOutSplit ? tables.heldOutPool : agrees[s] ? tables.subjectPool : tables.freePool[kind[s]];
      const lemma = pick(rng, pool);
      if (s === target) heldOut = tables.heldOutSet[lemma] === 1;
      noun = num === 1 ? lex.nounPlural[lemma] : lex.nounSingular[lemma];
      if (!varied) det = lex.the;
      else {
        const u = unit(rng);
        if (num === 1) det = u < 0.6 ? lex.the : u < 0.85 ? lex.some : lex.these;
        else det = u < 0.6 ? lex.the : u < 0.85 ? lex.a : lex.this;
      }
    }
    tok[nounAt[s]] = noun;
    if (det === lex.a) {
      const next = determinerAt[s] + 1 === nounAt[s] ? noun : tok[determinerAt[s] + 1];
      if (lex.vowelInitial[next]) det = lex.an;
    }
    tok[determinerAt[s]] = det;
  }
  const verbs = d.verbs;
  for (let v = 0; v < verbs.count; v++) {
    tok[verbs.at[v]] = number[verbs.subject[v]] === 1 ? verbs.pluralId[v] : verbs.singularId[v];
  }
  return heldOut;
}

/**
 * Shared slabs that example arrays are carved from: creating a view costs ~50 ns, a fresh Int32Array of a
 * sentence's size ~600 ns (its backing store lives outside the JS heap). A slab is freed once no example refers to
 * it.
 */
export class Slab {
  private slab = new Int32Array(0);
  private used = 0;

  /** `n` fresh ids, never overlapping an earlier view. */
  take(n: number): Int32Array {
    if (this.used + n > this.slab.length) {
      this.slab = new Int32Array(Math.max(SLAB_SIZE, n));
      this.used = 0;
    }
    const view = this.slab.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }
}

/** The finished example of a realised draft, its arrays carved from `slab`. */
export function toExample(
  d: Draft,
  slab: Slab,
  nesting: number,
  prefix: number,
  grammatical: boolean,
  heldOut: boolean,
): AgreementExample {
  const framing = d.config.framing;
  const n = d.length;
  const sentence = slab.take(n);
  for (let i = 0; i < n; i++) sentence[i] = d.tokens[i];
  const pairs: AgreementPair[] = [];
  for (let v = 0; v < d.verbs.count; v++) pairs.push(pair(d, v));
  const t = pairs[d.targetVerb];
  const swapped = framing === "grammaticality" && !grammatical;
  let ids = sentence;
  if (framing === "number") ids = sentence.subarray(0, t.verb);
  else if (swapped) {
    ids = slab.take(n);
    ids.set(sentence);
    ids[t.verb] = t.wrong;
  }
  const meta: AgreementMeta = {
    framing,
    number: t.number,
    subject: t.subject,
    verb: t.verb,
    distance: t.verb - t.subject,
    attractors: t.attractors,
    depth: t.depth,
    nesting,
    prefix,
    length: n,
    correct: t.correct,
    wrong: t.wrong,
    grammatical: !swapped,
    heldOut,
    structure: d.structure,
    pairs,
  };
  const label = framing === "grammaticality" ? (swapped ? 0 : 1) : t.number;
  return { sentence, ids, label, meta };
}

/** The agreement pair of verb slot `v`, with its attractor count. */
function pair(d: Draft, v: number): AgreementPair {
  const { nounAt, number: numberOf, count } = d.nounPhrases;
  const verbs = d.verbs;
  const s = verbs.subject[v];
  const subject = nounAt[s];
  const verb = verbs.at[v];
  const number = numberOf[s] as 0 | 1;
  let attractors = 0;
  for (let o = 0; o < count; o++) {
    const p = nounAt[o];
    if (p > subject && p < verb && numberOf[o] === 1 - number) attractors++;
  }
  return {
    subject,
    verb,
    number,
    depth: verbs.depth[v],
    role: ROLES[verbs.role[v]],
    attractors,
    correct: number === 1 ? verbs.pluralId[v] : verbs.singularId[v],
    wrong: number === 1 ? verbs.singularId[v] : verbs.pluralId[v],
  };
}

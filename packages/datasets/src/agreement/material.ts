// Pass 1, the material between a subject and its verb: prepositional phrases, number-neutral relative clauses,
// adverbs, and the noun phrases inside them (placeholders for determiner and noun, real adjectives), written into a
// draft to an exact token budget.
import type { Draft } from "./draft";
import { KIND } from "./lexicon";
import { adjectiveCount, below, pick, relativeLength, unit } from "./random";

/**
 * Exactly `budget` tokens of prepositional phrases and number-neutral relative clauses, chosen by the `material`
 * weights under two rules that keep the sentence readable: at most one relative clause, on the last noun (the
 * clause's subject or a PP's object), after which only PPs follow (they may attach inside it, but no relative
 * clause stacks on another or sits inside its object); and none at all with `ppOnly` (material right before or
 * after an object relative clause of the nesting knob). Two leftover tokens are "who slept" where a clause may go,
 * else a bare "near water"; a single one becomes a pre-verbal adverb, allowed only right before a verb
 * (`beforeVerb`). Without PPs (`material.pp` 0) relative clauses chain instead.
 */
export function fill(d: Draft, budget: number, beforeVerb: boolean, ppOnly: boolean): void {
  const rng = d.rng;
  const { pp, rc } = d.config.material;
  let left = budget;
  let clauseUsed = ppOnly || rc === 0;
  while (left > 0) {
    if (left === 1) {
      d.push(fresh(d, d.lexicon.preverbalAdverbs));
      d.mark("adv");
      return;
    }
    if (d.dense && pp === 0) {
      const len = left - 4 === 1 && !beforeVerb ? 3 : Math.min(left, 4);
      denseClause(d, len);
      left -= len;
      continue;
    }
    const clauseOk = pp === 0 || (!clauseUsed && clauseFits(d));
    const usePP = !clauseOk || (left >= 3 && (d.dense || unit(rng) * (pp + rc) < pp));
    if (usePP && left === 2) {
      bareNounPP(d);
      return;
    }
    const animate = d.attach === KIND.animate;
    let max = animate ? 7 : 3;
    let len: number;
    if (usePP) {
      max = 5;
      len = d.dense ? 3 : 3 + adjectiveCount(rng);
    } else {
      len = animate ? relativeLength(rng) : 2 + (unit(rng) < 0.3 ? 1 : 0);
    }
    // Lengths drawn above lie in [min, max]; shorten to what is left, and never leave a lone token mid-clause.
    if (len > left) len = left;
    if (left - len === 1 && !beforeVerb) len = len + 1 <= max ? len + 1 : len - 1;
    if (usePP) prepositionalPhrase(d, len);
    else {
      relativeClause(d, len);
      clauseUsed = pp > 0;
    }
    left -= len;
  }
}

/** Whether a relative clause can attach to the last noun: people, animals, and things that have a verb here. */
function clauseFits(d: Draft): boolean {
  return d.attach === KIND.animate || d.tables.inanimateVerbsFor[d.attach].length > 0;
}

/** "near the (big) (old) dogs": 3–5 tokens. */
function prepositionalPhrase(d: Draft, len: number): void {
  const lex = d.lexicon;
  const p = below(d.rng, lex.prepositions.length);
  d.push(lex.prepositions[p]);
  nounPhrase(d, false, kindFrom(d, lex.prepositionObjects[p]), len - 3);
  d.mark("pp");
}

/** "near water", "with sheep": a preposition and a bare number-neutral noun (2 tokens). */
function bareNounPP(d: Draft): void {
  const lex = d.lexicon;
  const p = below(d.rng, lex.prepositions.length);
  d.push(lex.prepositions[p]);
  const kind = kindFrom(d, lex.prepositionObjects[p]);
  d.push(pick(d.rng, d.tables.neutralPool[kind]));
  d.attach = kind;
  d.mark("pp");
}

/** "that (already) ate the (big) (old) fish" on people and animals (2–7 tokens); "which (suddenly) fell" (2–3). */
function relativeClause(d: Draft, len: number): void {
  const rng = d.rng;
  const lex = d.lexicon;
  const animate = d.attach === KIND.animate;
  d.push(pick(rng, animate ? lex.animateRelatives : lex.inanimateRelatives));
  if (len <= 3) {
    if (len === 3) d.push(fresh(d, lex.clauseAdverbs));
    d.push(pick(rng, animate ? lex.pastIntransitive : inanimateVerbs(d)));
  } else {
    // rel [adv] verb det [adj]* noun, with 4 + extra tokens.
    const extra = len - 4;
    const adverb = extra === 3 || (extra > 0 && unit(rng) < 0.5) ? 1 : 0;
    if (adverb) d.push(fresh(d, lex.clauseAdverbs));
    const v = below(rng, lex.pastTransitive.length);
    d.push(lex.pastTransitive[v]);
    nounPhrase(d, false, kindFrom(d, lex.pastTransitiveObjects[v]), extra - adverb);
  }
  d.mark("rc");
}

/** Past intransitive verbs that fit the last noun's kind (all of them for a kind none fits: only without PPs). */
function inanimateVerbs(d: Draft): Int32Array {
  const verbs = d.tables.inanimateVerbsFor[d.attach];
  return verbs.length > 0 ? verbs : d.lexicon.pastInanimate;
}

/**
 * The noun-dense relative clause when PPs are switched off: "that saw the dogs" (4 tokens, one animate noun, so
 * clauses chain), or for 2–3 leftover tokens "who (already) slept".
 */
function denseClause(d: Draft, len: number): void {
  const lex = d.lexicon;
  const rng = d.rng;
  d.push(pick(rng, d.attach === KIND.animate ? lex.animateRelatives : lex.inanimateRelatives));
  if (len === 4) {
    d.push(lex.pastTransitive[0]);
    nounPhrase(d, false, KIND.animate, 0);
  } else {
    if (len === 3) d.push(fresh(d, lex.clauseAdverbs));
    d.push(pick(rng, d.attach === KIND.animate ? lex.pastIntransitive : inanimateVerbs(d)));
  }
  d.mark("rc");
}

/** Determiner placeholder, `adjectives` adjectives, noun placeholder; returns the noun-phrase slot. */
export function nounPhrase(d: Draft, agree: boolean, kind: number, adjectives: number): number {
  const phrases = d.nounPhrases;
  const s = phrases.count++;
  phrases.determinerAt[s] = d.length;
  d.push(-1);
  writeAdjectives(d, adjectives);
  phrases.nounAt[s] = d.length;
  d.push(-1);
  phrases.kind[s] = kind;
  phrases.agrees[s] = agree ? 1 : 0;
  d.attach = kind;
  return s;
}

/**
 * `count` (0–2) attributive adjectives. Two come from different classes (no "strange strange", no "big small"),
 * in English order: opinion, size, age, colour ("the funny little old dog").
 */
function writeAdjectives(d: Draft, count: number): void {
  if (count === 0) return;
  const rng = d.rng;
  const lex = d.lexicon;
  const list = lex.adjectives;
  const cls = lex.adjectiveClass;
  const a = below(rng, list.length);
  if (count === 1) {
    d.push(list[a]);
    return;
  }
  let others = 0;
  for (let i = 0; i < list.length; i++) if (cls[i] !== cls[a]) others++;
  if (others === 0) {
    // A lexicon whose adjectives share one class: "the tired old cat".
    d.push(pick(rng, lex.attributivePredicates));
    d.push(list[a]);
    return;
  }
  let r = below(rng, others);
  let b = 0;
  for (let i = 0; i < list.length; i++) {
    if (cls[i] !== cls[a] && r-- === 0) {
      b = i;
      break;
    }
  }
  d.push(list[cls[a] < cls[b] ? a : b]);
  d.push(list[cls[a] < cls[b] ? b : a]);
}

/**
 * A word of `list` not yet used in this sentence, uniformly (any word of it once all are used): no "meanwhile ,
 * meanwhile ,", no "often … often".
 */
export function fresh(d: Draft, list: Int32Array): number {
  const used = d.used;
  let free = 0;
  for (let i = 0; i < list.length; i++) if (used[list[i]] === 0) free++;
  let id = list[0];
  if (free === 0) id = pick(d.rng, list);
  else {
    let r = below(d.rng, free);
    for (let i = 0; i < list.length; i++) {
      if (used[list[i]] === 0 && r-- === 0) {
        id = list[i];
        break;
      }
    }
  }
  if (used[id] === 0) {
    used[id] = 1;
    d.usedIds[d.usedCount++] = id;
  }
  return id;
}

/** A kind bit chosen uniformly from `mask`. */
export function kindFrom(d: Draft, mask: number): number {
  return pick(d.rng, d.tables.kindsOf[mask]);
}

/** "who"/"that" after a person or an animal, "which"/"that" after a thing. */
export function relativePronoun(d: Draft): number {
  const lex = d.lexicon;
  return pick(d.rng, d.attach === KIND.animate ? lex.animateRelatives : lex.inanimateRelatives);
}

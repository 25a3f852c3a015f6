// Pass 1, the clause structure: prefix, enclosing levels, the target subject and its gap with nested object
// relative clauses, the closing verbs and the predicate — to exact token budgets, with placeholders for determiners,
// nouns and agreeing verbs (material.ts writes the material between them).
import { type Draft, ROLE_MAIN, ROLE_PREFIX, ROLE_RELATIVE } from "./draft";
import { KIND } from "./lexicon";
import { fill, fresh, kindFrom, nounPhrase, relativePronoun } from "./material";
import { adjectiveCount, below, between, pick, unit } from "./random";

/**
 * Lays out the whole sentence: `prefix` tokens before the main subject, `nesting` object relative clauses, the
 * target pair at `level` with `distance` from its subject's noun to its verb. Sets `d.targetSlot` and
 * `d.targetVerb`.
 */
export function layout(d: Draft, prefix: number, nesting: number, level: number, distance: number): void {
  const rng = d.rng;
  d.reset();
  prefixMaterial(d, prefix);
  // Enclosing levels 0 … level−1: subject, material, "that" opening the next level.
  const [eLo, eHi] = d.config.enclosing;
  for (let j = 0; j < level; j++) {
    d.enclosingSubject[j] = subjectPhrase(d, false);
    const amount = between(rng, eLo, eHi);
    let pre = below(rng, amount + 1);
    let post = amount - pre;
    if (pre === 1) (pre = 0), (post += 1);
    fill(d, pre, false, true);
    d.enclosingHead[j] = d.attach;
    d.enclosingPost[j] = post;
    d.push(relativePronoun(d));
    d.mark("[");
  }
  const targetSlot = subjectPhrase(d, true);
  gap(d, distance - 1, nesting - level, level);
  d.targetSlot = targetSlot;
  d.targetVerb = closeClause(d, targetSlot, level, level > 0 ? d.enclosingHead[level - 1] : 0, true);
  for (let j = level - 1; j >= 0; j--) {
    d.attach = KIND.animate;
    fill(d, d.enclosingPost[j], true, true);
    closeClause(d, d.enclosingSubject[j], j, j > 0 ? d.enclosingHead[j - 1] : 0, false);
  }
  d.push(d.lexicon.period);
}

/** The gap of a clause: exactly `budget` tokens holding `levels` nested object relative clauses. */
function gap(d: Draft, budget: number, levels: number, depth: number): void {
  if (levels === 0) {
    fill(d, budget, true, false);
    return;
  }
  const free = budget - 4 * levels;
  let pre = 0;
  let inner = free;
  let post = 0;
  if (!d.dense) {
    const a = below(d.rng, free + 1);
    const b = below(d.rng, free + 1);
    pre = Math.min(a, b);
    inner = Math.max(a, b) - pre;
    post = free - pre - inner;
    if (pre === 1) (pre = 0), (post += 1);
    // After the closed clause only a prepositional phrase (or a lone adverb) may follow, so that no relative clause
    // stacks on it; 2 tokens of that would be a bare "near water", 2 tokens inside read better.
    if (post === 2) (inner += 2), (post = 0);
  }
  fill(d, pre, false, true);
  const head = d.attach;
  d.push(relativePronoun(d));
  d.mark("[");
  const slot = nounPhrase(d, true, KIND.animate, 0);
  d.mark("S");
  gap(d, inner + 4 * (levels - 1), levels - 1, depth + 1);
  const lex = d.lexicon;
  verbSlot(d, slot, lex.transitiveSingular, lex.transitivePlural, relativeVerb(d, head), depth + 1, ROLE_RELATIVE);
  d.mark("V]");
  d.attach = head;
  fill(d, post, true, true);
}

/** Writes the verb closing a clause at `level` (main verb and predicate at level 0); returns its verb slot. */
function closeClause(d: Draft, subjectSlot: number, level: number, head: number, target: boolean): number {
  const lex = d.lexicon;
  const rng = d.rng;
  let v: number;
  if (level > 0) {
    v = verbSlot(
      d,
      subjectSlot,
      lex.transitiveSingular,
      lex.transitivePlural,
      relativeVerb(d, head),
      level,
      ROLE_RELATIVE,
    );
    d.mark(target ? "V*]" : "V]");
    return v;
  }
  const kind = unit(rng);
  if (kind < 0.4) {
    v = verbSlot(
      d,
      subjectSlot,
      lex.copulaSingular,
      lex.copulaPlural,
      below(rng, lex.copulaSingular.length),
      0,
      ROLE_MAIN,
    );
    d.push(pick(rng, lex.predicateAdjectives));
  } else if (kind < 0.7) {
    const t = otherVerb(d, d.tables.allTransitive);
    v = verbSlot(d, subjectSlot, lex.transitiveSingular, lex.transitivePlural, t, 0, ROLE_MAIN);
    nounPhrase(d, false, kindFrom(d, lex.transitiveObjects[t]), unit(rng) < 0.25 ? 1 : 0);
  } else {
    const t = below(rng, lex.intransitiveSingular.length);
    v = verbSlot(d, subjectSlot, lex.intransitiveSingular, lex.intransitivePlural, t, 0, ROLE_MAIN);
    if (unit(rng) < 0.5) d.push(fresh(d, lex.mannerAdverbs));
  }
  d.mark(target ? "V*" : "V");
  return v;
}

/** Exactly `budget` tokens of prefix material before the main subject. */
function prefixMaterial(d: Draft, budget: number): void {
  const rng = d.rng;
  const lex = d.lexicon;
  let left = budget;
  while (left > 0) {
    if (left === 1) {
      d.push(fresh(d, lex.bareOpeners));
      d.mark("adv");
      break;
    }
    // Chunk kinds that fit: sentence adverb (2), PP + comma (4–6), subordinate clause (5–7), "X says that" (4–5).
    // At most two sentence adverbs by choice ("finally , later , …" is already a lot), one more to end on.
    const fits = left >= 5 ? 4 : left >= 4 ? 3 : 1;
    let choice = below(rng, fits);
    if (choice === 0 && fits > 1 && d.openers >= 2) choice = 1 + below(rng, fits - 1);
    if (choice === 0) {
      d.openers++;
      d.push(fresh(d, lex.sentenceAdverbs));
      d.push(lex.comma);
      d.mark("adv,");
      left -= 2;
    } else if (choice === 1) {
      const len = Math.min(left, 4 + adjectiveCount(rng));
      const p = below(rng, lex.prepositions.length);
      d.push(lex.prepositions[p]);
      nounPhrase(d, false, kindFrom(d, lex.prepositionObjects[p]), len - 4);
      d.push(lex.comma);
      d.mark("pp,");
      left -= len;
    } else if (choice === 2) {
      // "that" clause: subject, complement verb, "that".
      const len = Math.min(left, unit(rng) < 0.25 ? 5 : 4);
      const slot = nounPhrase(d, true, KIND.animate, len - 4);
      verbSlot(
        d,
        slot,
        lex.complementSingular,
        lex.complementPlural,
        below(rng, lex.complementSingular.length),
        -1,
        ROLE_PREFIX,
      );
      d.push(lex.that);
      d.mark("comp");
      left -= len;
    } else {
      // Subordinate clause: conjunction, subject, [adverb], intransitive verb, comma.
      const len = Math.min(left, 5 + (unit(rng) < 0.3 ? 1 : 0) + (unit(rng) < 0.2 ? 1 : 0));
      const extra = len - 5;
      const adverb = extra === 2 || (extra === 1 && unit(rng) < 0.5) ? 1 : 0;
      d.push(fresh(d, lex.subordinators));
      const slot = nounPhrase(d, true, KIND.animate, extra - adverb);
      if (adverb) d.push(fresh(d, lex.preverbalAdverbs));
      verbSlot(
        d,
        slot,
        lex.intransitiveSingular,
        lex.intransitivePlural,
        below(rng, lex.intransitiveSingular.length),
        -1,
        ROLE_PREFIX,
      );
      d.push(lex.comma);
      d.mark("sub,");
      left -= len;
    }
  }
}

/** A subject noun phrase (animate, agreeing), with an adjective a quarter of the time. */
function subjectPhrase(d: Draft, target: boolean): number {
  const slot = nounPhrase(d, true, KIND.animate, unit(d.rng) < 0.25 ? 1 : 0);
  d.mark(target ? "S*" : "S");
  return slot;
}

/** An agreeing-verb placeholder for verb `index` of the `sg`/`pl` lists, agreeing with `subjectSlot`. */
function verbSlot(
  d: Draft,
  subjectSlot: number,
  sg: Int32Array,
  pl: Int32Array,
  index: number,
  depth: number,
  role: number,
): number {
  const verbs = d.verbs;
  const v = verbs.count++;
  verbs.at[v] = d.length;
  d.push(-1);
  verbs.subject[v] = subjectSlot;
  verbs.singularId[v] = sg[index];
  verbs.pluralId[v] = pl[index];
  verbs.depth[v] = depth;
  verbs.role[v] = role;
  return v;
}

/** A transitive verb whose object fits a relative clause's head of kind `head` (animate when 0). */
function relativeVerb(d: Draft, head: number): number {
  return otherVerb(d, d.tables.relativeVerbsFor[head === 0 ? KIND.animate : head]);
}

/**
 * An index of `indices` (into the transitive lists) whose verb differs from a transitive verb written just before
 * ("… the cats visit visit …" when nested clauses close on the same verb).
 */
function otherVerb(d: Draft, indices: Int32Array): number {
  const verbs = d.verbs;
  const v = verbs.count - 1;
  const avoid = v >= 0 && verbs.at[v] === d.length - 1 ? verbs.singularId[v] : -1;
  const sg = d.lexicon.transitiveSingular;
  let m = indices.length;
  let skip = -1;
  for (let i = 0; i < indices.length; i++) if (sg[indices[i]] === avoid) skip = i;
  if (skip >= 0 && m > 1) m--;
  else skip = -1;
  const r = below(d.rng, m);
  return indices[skip >= 0 && r >= skip ? r + 1 : r];
}

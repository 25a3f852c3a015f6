// The word lists of the agreement grammar. Plain data; `lexicon.ts` turns them into id tables. Lists are ordered so
// that a prefix of each (the `lexicon` size knob keeps the first n entries) still mixes regular and irregular forms
// and every noun kind.

/** What a noun denotes; verbs and prepositions restrict their objects by kind. */
export type NounKind = "animate" | "place" | "object" | "food";

/** A countable noun: singular and plural forms. */
export type NounEntry = readonly [singular: string, plural: string];

/** A verb's present-tense forms: third-person singular and plural. */
export type VerbPair = readonly [singular: string, plural: string];

/** People and animals: the only nouns that head subjects. Irregular plurals are mixed in from the start. */
export const ANIMATE_NOUNS: readonly NounEntry[] = [
  ["cat", "cats"], ["dog", "dogs"], ["man", "men"], ["girl", "girls"], ["child", "children"], ["horse", "horses"],
  ["woman", "women"], ["teacher", "teachers"], ["mouse", "mice"], ["boy", "boys"], ["wolf", "wolves"],
  ["farmer", "farmers"], ["goose", "geese"], ["doctor", "doctors"], ["person", "people"], ["bird", "birds"],
  ["fox", "foxes"], ["student", "students"], ["baby", "babies"], ["rabbit", "rabbits"], ["thief", "thieves"],
  ["king", "kings"], ["lady", "ladies"], ["monkey", "monkeys"], ["puppy", "puppies"], ["singer", "singers"],
  ["lion", "lions"], ["nurse", "nurses"], ["pony", "ponies"], ["cook", "cooks"], ["tiger", "tigers"],
  ["pilot", "pilots"], ["uncle", "uncles"], ["bear", "bears"], ["artist", "artists"], ["duck", "ducks"],
  ["actor", "actors"], ["eagle", "eagles"], ["author", "authors"], ["owl", "owls"], ["sailor", "sailors"],
  ["frog", "frogs"], ["soldier", "soldiers"], ["kitten", "kittens"], ["neighbour", "neighbours"], ["calf", "calves"],
  ["waiter", "waiters"], ["driver", "drivers"], ["guard", "guards"], ["judge", "judges"], ["dancer", "dancers"],
  ["poet", "poets"], ["parent", "parents"], ["brother", "brothers"], ["sister", "sisters"], ["captain", "captains"],
  ["hunter", "hunters"], ["painter", "painters"], ["writer", "writers"], ["friend", "friends"],
];

/** Things, places and food, interleaved by kind. */
export const INANIMATE_NOUNS: readonly (readonly [singular: string, plural: string, kind: NounKind])[] = [
  ["house", "houses", "place"], ["box", "boxes", "object"], ["apple", "apples", "food"],
  ["garden", "gardens", "place"], ["knife", "knives", "object"], ["cake", "cakes", "food"],
  ["park", "parks", "place"], ["table", "tables", "object"], ["egg", "eggs", "food"],
  ["river", "rivers", "place"], ["key", "keys", "object"], ["potato", "potatoes", "food"],
  ["church", "churches", "place"], ["shelf", "shelves", "object"], ["cookie", "cookies", "food"],
  ["school", "schools", "place"], ["car", "cars", "object"], ["sandwich", "sandwiches", "food"],
  ["farm", "farms", "place"], ["book", "books", "object"], ["tomato", "tomatoes", "food"],
  ["road", "roads", "place"], ["chair", "chairs", "object"], ["berry", "berries", "food"],
  ["village", "villages", "place"], ["window", "windows", "object"], ["carrot", "carrots", "food"],
  ["forest", "forests", "place"], ["bottle", "bottles", "object"], ["orange", "oranges", "food"],
  ["kitchen", "kitchens", "place"], ["lamp", "lamps", "object"], ["pie", "pies", "food"],
  ["station", "stations", "place"], ["bench", "benches", "object"], ["nut", "nuts", "food"],
  ["shop", "shops", "place"], ["leaf", "leaves", "object"], ["biscuit", "biscuits", "food"],
  ["field", "fields", "place"], ["ladder", "ladders", "object"], ["pear", "pears", "food"],
  ["bridge", "bridges", "place"], ["fence", "fences", "object"], ["plum", "plums", "food"],
  ["hill", "hills", "place"], ["wall", "walls", "object"], ["onion", "onions", "food"],
];

/**
 * Number-neutral nouns (identical in both numbers, or mass nouns): they occur only where no verb agrees with them,
 * always with "the", so they carry no number cue.
 */
export const NEUTRAL_NOUNS: readonly (readonly [word: string, kind: NounKind])[] = [
  ["sheep", "animate"], ["water", "place"], ["fish", "food"], ["luggage", "object"], ["deer", "animate"],
  ["grass", "place"], ["bread", "food"], ["furniture", "object"], ["moose", "animate"], ["snow", "place"],
  ["rice", "food"], ["equipment", "object"], ["bison", "animate"], ["sand", "place"], ["milk", "food"],
  ["jewellery", "object"], ["mud", "place"], ["cheese", "food"], ["clothing", "object"], ["fog", "place"],
  ["honey", "food"], ["rubbish", "object"], ["salmon", "food"], ["soup", "food"], ["butter", "food"],
];

/** Attributive adjectives that fit any noun. */
export const ADJECTIVES: readonly string[] = [
  "old", "big", "small", "little", "large", "tiny", "new", "strange", "brown", "white", "black", "grey", "quiet",
  "noisy", "lovely", "ugly", "pretty", "odd", "nice", "dirty", "clean", "famous", "lucky", "funny",
];

/**
 * Where an attributive adjective goes when a noun has two: opinion before size before age before colour ("the
 * funny little old brown dog"). Two adjectives of a noun phrase come from different classes, in this order.
 */
export const ADJECTIVE_CLASS: Readonly<Record<string, number>> = {
  strange: 0, quiet: 0, noisy: 0, lovely: 0, ugly: 0, pretty: 0, odd: 0, nice: 0, dirty: 0, clean: 0, famous: 0,
  lucky: 0, funny: 0, big: 1, small: 1, little: 1, large: 1, tiny: 1, old: 2, new: 2, brown: 3, white: 3, black: 3,
  grey: 3,
};

/**
 * Predicate adjectives that also read well before a noun ("the tired old man"): the second adjective of a noun
 * phrase when the lexicon keeps a single attributive one.
 */
export const ATTRIBUTIVE_PREDICATES: readonly string[] = ["hungry", "happy", "tired", "sad", "angry", "busy", "calm"];

/** Adjectives after "is/are", "was/were". */
export const PREDICATE_ADJECTIVES: readonly string[] = [
  "hungry", "happy", "tired", "full", "asleep", "sad", "angry", "ready", "awake", "sick", "busy", "calm",
];

/** Agreeing copulas (main clauses). */
export const COPULAS: readonly VerbPair[] = [["is", "are"], ["was", "were"]];

/** Agreeing transitive verbs, each with the kinds of object it takes. Also used inside object relative clauses. */
export const TRANSITIVE_VERBS: readonly (readonly [singular: string, plural: string, objects: readonly NounKind[]])[] = [
  ["chases", "chase", ["animate"]], ["sees", "see", ["animate", "place", "object", "food"]],
  ["likes", "like", ["animate", "place", "object", "food"]], ["follows", "follow", ["animate"]],
  ["has", "have", ["animate", "object", "food"]], ["watches", "watch", ["animate", "place", "object"]],
  ["feeds", "feed", ["animate"]], ["finds", "find", ["animate", "object", "food"]], ["hears", "hear", ["animate"]],
  ["eats", "eat", ["food"]], ["visits", "visit", ["animate", "place"]], ["loves", "love", ["animate", "place", "food"]],
  ["helps", "help", ["animate"]], ["wants", "want", ["object", "food"]], ["carries", "carry", ["object", "food"]],
  ["admires", "admire", ["animate", "place", "object"]], ["misses", "miss", ["animate", "place"]],
  ["pushes", "push", ["animate", "object"]],
];

/** Agreeing intransitive verbs. */
export const INTRANSITIVE_VERBS: readonly VerbPair[] = [
  ["sleeps", "sleep"], ["runs", "run"], ["smiles", "smile"], ["sings", "sing"], ["waits", "wait"],
  ["laughs", "laugh"], ["swims", "swim"], ["jumps", "jump"], ["walks", "walk"], ["cries", "cry"],
  ["works", "work"], ["plays", "play"],
];

/** Agreeing verbs that take a "that" clause (sentence prefixes: "the boys say that …"). */
export const COMPLEMENT_VERBS: readonly VerbPair[] = [
  ["says", "say"], ["thinks", "think"], ["knows", "know"], ["believes", "believe"], ["hopes", "hope"],
  ["claims", "claim"], ["feels", "feel"], ["hears", "hear"],
];

/**
 * Past-tense transitive verbs (no number) for subject relative clauses: "that ate the fish". The first takes
 * animate objects, so every lexicon size can chain "that saw the dogs that saw the cats …".
 */
export const PAST_TRANSITIVE_VERBS: readonly (readonly [verb: string, objects: readonly NounKind[]])[] = [
  ["saw", ["animate", "place", "object", "food"]], ["ate", ["food"]], ["chased", ["animate"]],
  ["liked", ["animate", "place", "object", "food"]], ["followed", ["animate"]], ["watched", ["animate", "place", "object"]],
  ["found", ["animate", "object", "food"]], ["fed", ["animate"]], ["heard", ["animate"]], ["visited", ["animate", "place"]],
  ["helped", ["animate"]], ["wanted", ["object", "food"]], ["carried", ["object", "food"]],
  ["admired", ["animate", "place", "object"]], ["missed", ["animate", "place"]], ["pushed", ["animate", "object"]],
  ["bit", ["animate", "food"]], ["bought", ["object", "food"]],
];

/** Past-tense intransitive verbs (no number) for relative clauses on people and animals: "who slept". */
export const PAST_INTRANSITIVE_VERBS: readonly string[] = [
  "slept", "ran", "smiled", "sang", "waited", "laughed", "swam", "jumped", "walked", "cried", "worked", "played",
  "left", "arrived", "danced",
];

/**
 * Past-tense intransitive verbs for relative clauses on things ("which fell"), each with the kinds of noun it fits:
 * objects fall, break and burn, food falls and burns, and no verb here fits a place ("rivers which burned"), so
 * places take prepositional phrases instead of such clauses.
 */
export const PAST_INANIMATE_VERBS: readonly (readonly [verb: string, subjects: readonly NounKind[]])[] = [
  ["fell", ["object", "food"]], ["broke", ["object"]], ["burned", ["object", "food"]], ["moved", ["object"]],
  ["vanished", ["object", "food"]], ["shook", ["object"]], ["stood", ["object"]],
];

/** Prepositions, each with the kinds of object it takes. */
export const PREPOSITIONS: readonly (readonly [word: string, objects: readonly NounKind[]])[] = [
  ["near", ["animate", "place", "object", "food"]], ["behind", ["animate", "place", "object"]],
  ["beside", ["animate", "place", "object", "food"]], ["with", ["animate", "object", "food"]],
  ["from", ["animate", "place"]], ["in", ["place"]], ["under", ["animate", "object"]],
  ["around", ["animate", "place", "object"]], ["inside", ["place"]], ["above", ["animate", "place", "object"]],
];

/** Adverbs inside relative clauses, before a past-tense verb: "that already ate …". */
export const CLAUSE_ADVERBS: readonly string[] = ["already", "never", "once", "recently", "often", "always", "quickly", "suddenly"];

/** Adverbs right before an agreeing verb: "… certainly is hungry". */
export const PREVERBAL_ADVERBS: readonly string[] = ["often", "usually", "really", "certainly", "still", "also", "always", "surely"];

/** Adverbs after an intransitive main verb: "sleeps quietly". */
export const MANNER_ADVERBS: readonly string[] = ["quietly", "loudly", "happily", "slowly", "again", "outside"];

/** Sentence adverbs that open a prefix, followed by a comma: "yesterday , …". */
export const SENTENCE_ADVERBS: readonly string[] = ["yesterday", "sometimes", "however", "meanwhile", "luckily", "finally", "later"];

/** One-token openers without a comma, used to reach an exact prefix length: "now the cat …". */
export const BARE_OPENERS: readonly string[] = ["now", "today", "then"];

/** Subordinating conjunctions for prefix clauses: "while the dogs sleep , …". */
export const SUBORDINATORS: readonly string[] = ["while", "when", "because", "although", "since", "if"];

/** Determiners by number ("the" is both); neutral nouns take "the". */
export const SINGULAR_DETERMINERS = { the: 0.6, a: 0.25, this: 0.15 } as const;
export const PLURAL_DETERMINERS = { the: 0.6, some: 0.25, these: 0.15 } as const;

/** Relative pronouns: people and animals take "who"/"that", things "which"/"that". */
export const ANIMATE_RELATIVES: readonly string[] = ["that", "who"];
export const INANIMATE_RELATIVES: readonly string[] = ["that", "which"];

/**
 * Smart dispatch (智能派单): a classifier proposes a category, its department and a confidence; the
 * request goes straight to that department when the confidence reaches the configured threshold,
 * else to the human dispatcher. Any classifier can be plugged in with `plugClassifier`; until one is,
 * the keyword rule below (on the category names and their keywords) keeps the flow working.
 */

/** A classifier's proposal. `category` is a category code of the tree, `department` a department code. */
export interface Proposal {
  category: string;
  department: string;
  confidence: number;
}

/** What a pluggable classifier is: text in, a proposal or null (no idea) out. */
export type Classifier = (text: string) => Proposal | null;

/** The part of a category the keyword rule and the adapters need. */
export interface ClassifiableCategory {
  code: string;
  level: number;
  name: string;
  keywords: readonly string[];
  /** The effective department (inherited from the level above when the category sets none). */
  department: string;
  /** Code of the first-level category this one belongs to. */
  root: string;
}

/**
 * The keyword rule: every category scores one point per distinct keyword (or its own name) found in
 * the text; the best second- or third-level category wins. Confidence grows with the hits and falls
 * when another category is close: 2+ hits clear of the rest give 0.75–0.9, a single hit 0.55.
 */
export function keywordClassifier(categories: readonly ClassifiableCategory[]): Classifier {
  const candidates = categories.filter((c) => c.level >= 2);
  const roots = new Map(categories.filter((c) => c.level === 1).map((c) => [c.code, c]));
  return (text) => {
    const scored = candidates
      .map((c) => {
        const terms = new Set([c.name, ...c.keywords]);
        let hits = 0;
        for (const term of terms) {
          if (term.length > 0 && text.includes(term)) {
            hits++;
          }
        }
        // A hit on the first level's keywords counts for its children too, at half weight.
        const root = roots.get(c.root);
        const rootHits = root ? root.keywords.filter((k) => text.includes(k)).length * 0.5 : 0;
        return { c, score: hits + (hits > 0 ? rootHits : 0) };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.c.code.localeCompare(b.c.code));
    const best = scored[0];
    if (!best) {
      return null;
    }
    const runnerUp = scored[1]?.score ?? 0;
    const margin = best.score - runnerUp;
    let confidence: number;
    if (margin <= 0) {
      confidence = 0.4;
    } else if (best.score < 2) {
      confidence = 0.55;
    } else {
      confidence = Math.min(0.9, 0.6 + 0.1 * Math.min(margin, 3));
    }
    return { category: best.c.code, department: best.c.department, confidence };
  };
}

/**
 * Adapts a classifier of first-level labels (such as the insight module's `classify(text) →
 * {label, confidence}`) to a dispatch classifier: the label is matched to a first-level category
 * by name, which gives the department.
 */
export function fromLabelClassifier(
  classify: (text: string) => { label: string; confidence: number } | null,
  categories: readonly ClassifiableCategory[],
): Classifier {
  const byName = new Map(categories.filter((c) => c.level === 1).map((c) => [c.name, c]));
  return (text) => {
    const result = classify(text);
    const category = result ? byName.get(result.label) : undefined;
    if (!result || !category) {
      return null;
    }
    return { category: category.code, department: category.department, confidence: result.confidence };
  };
}

let plugged: Classifier | null = null;

/** Plugs a classifier into dispatch (null: back to the keyword rule). Returns the one it replaces. */
export function plugClassifier(classifier: Classifier | null): Classifier | null {
  const previous = plugged;
  plugged = classifier;
  return previous;
}

/** The classifier in use, if one was plugged in. */
export function pluggedClassifier(): Classifier | null {
  return plugged;
}

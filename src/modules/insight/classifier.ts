import { type LinearModel, linearScores, trainOvrSvm } from "./linear.js";
import { stratifiedFolds } from "./metrics.js";
import type { LabelledText } from "./requests-csv.js";
import { CHAR_TERMS, charKeys, normalizeText, words } from "./text.js";
import { concat, round6, type SparseVector, STRING_TERMS, Tfidf, type TfidfJson } from "./tfidf.js";

/** What the classifier proposes for one message. */
export interface Classification {
  /** The most probable first-level category. */
  label: string;
  /** Its calibrated probability: of the messages given confidence ≈ 0.8, about 80 % are right. */
  confidence: number;
  /** Every category with its probability, most probable first; the probabilities sum to 1. */
  ranked: { label: string; p: number }[];
}

export interface ClassifierOptions {
  /** A word or character n-gram must occur in this many training messages to become a feature. */
  minDf: number;
  /** The SVM's C. */
  c: number;
  /** Weigh classes inversely to their size, which lifts macro-F1 when categories are unbalanced. */
  balanced: boolean;
  /** Folds of the internal cross-validation whose held-out scores calibrate the probabilities. */
  calibrationFolds: number;
  seed: number;
}

export const DEFAULT_OPTIONS: ClassifierOptions = {
  minDf: 2,
  c: 0.5,
  balanced: true,
  calibrationFolds: 3,
  seed: 1,
};

export const MODEL_FORMAT = "yimen.requests-classifier";
export const MODEL_VERSION = 1;

/** The model file: vocabularies, weights (float32, little-endian, base64) and calibration. */
export interface ClassifierJson {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  trainedAt: string;
  examples: number;
  options: ClassifierOptions;
  labels: string[];
  words: TfidfJson;
  chars: TfidfJson;
  /** Feature-major weights (words first, then characters), labels.length per feature. */
  weights: string;
  bias: number[];
  /** Probabilities are softmax(scale · scores). */
  scale: number;
}

/** A model file that cannot be used: not ours, another version, or damaged. */
export class ModelFormatError extends Error {
  override name = "ModelFormatError";
}

/** A message as the classifier sees it: jieba words and character n-gram keys. */
interface Tokens {
  words: string[];
  chars: number[];
}

function tokens(text: string): Tokens {
  const normalized = normalizeText(text);
  return { words: words(normalized), chars: charKeys(normalized) };
}

/** Softmax of a·s, stable for large scores. */
function softmax(scores: Float64Array, a: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) {
    max = Math.max(max, s);
  }
  const out = new Float64Array(scores.length);
  let z = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(a * ((scores[k] as number) - max));
    out[k] = e;
    z += e;
  }
  for (let k = 0; k < out.length; k++) {
    out[k] = (out[k] as number) / z;
  }
  return out;
}

/**
 * The scale a that minimises the negative log-likelihood of softmax(a · scores) on held-out scores
 * (temperature scaling, Guo et al., ICML 2017): a golden-section search over log a, the loss being
 * convex in a.
 */
export function fitScale(scores: readonly Float64Array[], truth: Int32Array): number {
  const nll = (logA: number) => {
    const a = Math.exp(logA);
    let loss = 0;
    scores.forEach((s, i) => {
      loss -= Math.log(Math.max(softmax(s, a)[truth[i] as number] as number, 1e-300));
    });
    return loss;
  };
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = nll(x1);
  let f2 = nll(x2);
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = nll(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = nll(x2);
    }
  }
  return Math.exp((lo + hi) / 2);
}

interface Fitted {
  words: Tfidf<string>;
  chars: Tfidf<number>;
  model: LinearModel;
}

function fitModel(
  docs: readonly Tokens[],
  ys: Int32Array,
  classes: number,
  options: ClassifierOptions,
): Fitted {
  const w = Tfidf.fit(
    docs.map((d) => d.words),
    { minDf: options.minDf },
    STRING_TERMS,
  );
  const c = Tfidf.fit(
    docs.map((d) => d.chars),
    { minDf: options.minDf },
    CHAR_TERMS,
  );
  const xs = docs.map((d) => vectorize(w, c, d));
  const model = trainOvrSvm(xs, ys, classes, w.size + c.size, {
    c: options.c,
    balanced: options.balanced,
    loss: "squared-hinge",
    tolerance: 0.1,
    maxEpochs: 1000,
    seed: options.seed,
  });
  return { words: w, chars: c, model };
}

function vectorize(w: Tfidf<string>, c: Tfidf<number>, doc: Tokens): SparseVector {
  return concat([w.transform(doc.words), c.transform(doc.chars)], [w.size, c.size]);
}

/** The scores of one message: its word and character blocks scored in place, without joining them. */
function score(model: LinearModel, w: Tfidf<string>, c: Tfidf<number>, doc: Tokens): Float64Array {
  return linearScores(model, [w.transform(doc.words), 0], [c.transform(doc.chars), w.size]);
}

function toBase64(values: Float64Array | Float32Array): string {
  const f32 = values instanceof Float32Array ? values : Float32Array.from(values);
  return Buffer.from(f32.buffer, f32.byteOffset, f32.byteLength).toString("base64");
}

function fromBase64(text: string, length: number): Float32Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.byteLength !== length * 4) {
    throw new ModelFormatError(`weights hold ${bytes.byteLength} bytes, expected ${length * 4}`);
  }
  const f32 = new Float32Array(length);
  new Uint8Array(f32.buffer).set(bytes);
  return f32;
}

/**
 * Scores one feature block (words or characters) of a message as TF-IDF · weights without building
 * the vector: each feature's idf and its K weights sit side by side in one float32 record, so a
 * feature costs one memory line. Classification is bound by these scattered reads.
 */
class BlockScorer<K extends string | number> {
  private readonly records: Float32Array;
  private readonly partial: Float64Array;

  constructor(
    private readonly vocab: Tfidf<K>,
    model: LinearModel,
    offset: number,
  ) {
    const K = model.classes;
    const stride = K + 1;
    this.records = new Float32Array(vocab.size * stride);
    for (let i = 0; i < vocab.size; i++) {
      this.records[i * stride] = vocab.idf[i] as number;
      for (let k = 0; k < K; k++) {
        this.records[i * stride + 1 + k] = model.weights[(offset + i) * K + k] as number;
      }
    }
    this.partial = new Float64Array(K);
  }

  /** Adds this block's share of the scores: Σ over features of (1 + ln tf)·idf·w, over the block's L2 norm. */
  addTo(scores: Float64Array, tokens: readonly K[]): void {
    const { indices, counts } = this.vocab.termCounts(tokens);
    const { records, partial } = this;
    const K = partial.length;
    const stride = K + 1;
    partial.fill(0);
    let norm = 0;
    for (let t = 0; t < indices.length; t++) {
      const base = (indices[t] as number) * stride;
      const v = (1 + Math.log(counts[t] as number)) * (records[base] as number);
      norm += v * v;
      for (let k = 0; k < K; k++) {
        partial[k] = (partial[k] as number) + v * (records[base + 1 + k] as number);
      }
    }
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let k = 0; k < K; k++) {
        scores[k] = (scores[k] as number) + (partial[k] as number) * scale;
      }
    }
  }
}

/**
 * Classifies citizens' requests into first-level categories: TF-IDF of jieba words and character
 * unigrams and bigrams, a one-vs-rest linear SVM, and probabilities calibrated by temperature scaling on
 * held-out scores. Pure TypeScript plus jieba; no network. Train with `RequestClassifier.train`,
 * save with `toJSON`, load with `fromJSON`.
 */
export class RequestClassifier {
  private readonly wordScorer: BlockScorer<string>;
  private readonly charScorer: BlockScorer<number>;
  private readonly bias: Float64Array;

  private constructor(
    private readonly json: ClassifierJson,
    wordVocab: Tfidf<string>,
    charVocab: Tfidf<number>,
    model: LinearModel,
  ) {
    this.wordScorer = new BlockScorer(wordVocab, model, 0);
    this.charScorer = new BlockScorer(charVocab, model, wordVocab.size);
    this.bias = Float64Array.from(model.bias);
  }

  /** The categories this model knows, in a fixed order. */
  get labels(): readonly string[] {
    return this.json.labels;
  }

  /** How many messages it was trained on, and when. */
  get trainedOn(): { examples: number; at: string } {
    return { examples: this.json.examples, at: this.json.trainedAt };
  }

  /** Learns from labelled messages (at least two categories with two messages each). */
  static train(
    examples: readonly LabelledText[],
    options: Partial<ClassifierOptions> = {},
  ): RequestClassifier {
    const opts: ClassifierOptions = { ...DEFAULT_OPTIONS, ...options };
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    if (labels.length < 2) {
      throw new RangeError("training needs messages of at least two categories");
    }
    const ys = Int32Array.from(examples, (e) => labels.indexOf(e.label));
    const docs = examples.map((e) => tokens(e.text));
    const full = fitModel(docs, ys, labels.length, opts);
    const scale = RequestClassifier.calibrate(docs, ys, labels, opts);
    const json: ClassifierJson = {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      trainedAt: new Date().toISOString(),
      examples: examples.length,
      options: opts,
      labels,
      words: full.words.toJSON(),
      chars: full.chars.toJSON(),
      weights: toBase64(full.model.weights),
      bias: Array.from(full.model.bias, round6),
      scale: round6(scale),
    };
    // Going through the file form makes a freshly trained model answer exactly as a loaded one.
    return RequestClassifier.fromJSON(json);
  }

  /** Held-out scores from an internal stratified cross-validation, and the scale that calibrates them. */
  private static calibrate(
    docs: readonly Tokens[],
    ys: Int32Array,
    labels: string[],
    opts: ClassifierOptions,
  ): number {
    const perLabel = new Map<number, number>();
    for (const y of ys) {
      perLabel.set(y, (perLabel.get(y) ?? 0) + 1);
    }
    const folds = Math.min(opts.calibrationFolds, ...perLabel.values());
    if (folds < 2) {
      return 1; // too few messages of some category to hold any out: scores used as they are
    }
    const scores: Float64Array[] = new Array(docs.length);
    for (const test of stratifiedFolds(
      Array.from(ys, (y) => labels[y] as string),
      folds,
      opts.seed,
    )) {
      const held = new Set(test);
      const train = docs.map((_, i) => i).filter((i) => !held.has(i));
      const f = fitModel(
        train.map((i) => docs[i] as Tokens),
        Int32Array.from(train, (i) => ys[i] as number),
        labels.length,
        opts,
      );
      for (const i of test) {
        scores[i] = score(f.model, f.words, f.chars, docs[i] as Tokens);
      }
    }
    return fitScale(scores, ys);
  }

  /** Loads a model from its JSON form, checking that it is one this version can use. */
  static fromJSON(value: unknown): RequestClassifier {
    const json = value as Partial<ClassifierJson> | null;
    if (!json || typeof json !== "object" || json.format !== MODEL_FORMAT) {
      throw new ModelFormatError("not a Yimen requests-classifier model");
    }
    if (json.version !== MODEL_VERSION) {
      throw new ModelFormatError(
        `model version ${String(json.version)} is not supported (this Yimen reads version ${MODEL_VERSION}); train it again`,
      );
    }
    const j = json as ClassifierJson;
    if (
      !Array.isArray(j.labels) ||
      j.labels.length < 2 ||
      !Array.isArray(j.bias) ||
      j.bias.length !== j.labels.length
    ) {
      throw new ModelFormatError("model labels or biases are missing");
    }
    let w: Tfidf<string>;
    let c: Tfidf<number>;
    try {
      w = Tfidf.fromJSON(j.words, STRING_TERMS);
      c = Tfidf.fromJSON(j.chars, CHAR_TERMS);
    } catch (error) {
      throw new ModelFormatError((error as Error).message);
    }
    const classes = j.labels.length;
    const dim = w.size + c.size;
    const model: LinearModel = {
      classes,
      dim,
      weights: fromBase64(j.weights, dim * classes),
      bias: Float64Array.from(j.bias),
    };
    return new RequestClassifier(j, w, c, model);
  }

  toJSON(): ClassifierJson {
    return this.json;
  }

  /** The category of one message with its calibrated probability, and every category ranked. */
  classify(text: string): Classification {
    const doc = tokens(text);
    const scores = Float64Array.from(this.bias);
    this.wordScorer.addTo(scores, doc.words);
    this.charScorer.addTo(scores, doc.chars);
    const p = softmax(scores, this.json.scale);
    const ranked = this.json.labels
      .map((label, k) => ({ label, p: p[k] as number }))
      .sort((a, b) => b.p - a.p || (a.label < b.label ? -1 : 1));
    const top = ranked[0] as { label: string; p: number };
    return { label: top.label, confidence: top.p, ranked };
  }
}

/** The insight module's public face: Chinese text processing; for now the citizens'-request classifier. */
export {
  type Classification,
  type ClassifierJson,
  type ClassifierOptions,
  DEFAULT_OPTIONS,
  ModelFormatError,
  RequestClassifier,
} from "./classifier.js";
export {
  type Calibration,
  type CrossValidation,
  calibrationOf,
  crossValidate,
  defaultModelPath,
  evaluateClassifier,
  loadClassifierOrThrow,
  saveClassifier,
} from "./classifier.service.js";
export {
  type ClassMetrics,
  type Evaluation,
  evaluatePredictions,
  roundEvaluation,
  stratifiedFolds,
} from "./metrics.js";
export { type LabelledText, parseRequestsCsv, requestText } from "./requests-csv.js";
export { personNameWords } from "./text.js";

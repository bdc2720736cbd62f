/**
 * Numeric cruxes: pure maths for ranges, distributions stored as CDFs on a fixed grid, community
 * distributions, scores and range-disagreement thresholds. The design is in docs/numeric-cruxes.md;
 * the code is split under server/domain/numeric/ and re-exported here.
 */
export type { ScoringWindow, TimeAveragedScore } from "./scoring";
export {
  type NumericScale,
  type NumericRange,
  CDF_POINTS,
  rangeProblem,
  gridValues,
} from "./numeric/range";
export {
  type Cdf,
  cdfAt,
  probabilityAbove,
  quantile,
  percentiles,
  densityPoints,
  communityCdf,
} from "./numeric/cdf";
export {
  type IntervalInput,
  type DistributionComponent,
  type DistributionInput,
  MAX_COMPONENTS,
  UNIFORM_SHARE,
  MIN_TAIL_MASS,
  MIN_BIN_MASS,
  distributionProblem,
  cdfProblem,
  cdfFromInput,
} from "./numeric/distribution";
export {
  type CdfHistoryPoint,
  UNIFORM_TAIL_MASS,
  numericLogScore,
  numericBaselineScore,
  timeAveragedNumericBaselineScore,
  numericPeerScores,
} from "./numeric/scores";
export {
  NICE_THRESHOLD_KEEPS,
  disagreementThreshold,
  formatNumericValue,
} from "./numeric/threshold";

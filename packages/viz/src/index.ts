// The pure part of @vanish/viz: plain data in, Vega-Lite spec out. No Node or DOM APIs, so it runs anywhere.
// Rendering lives in "@vanish/viz/node" (SVG, PNG, HTML report) and "@vanish/viz/browser" (vega-embed).
export type {
  BucketAccuracy,
  CellType,
  ChartOptions,
  CliffGrid,
  CliffPath,
  GradientHeatmap,
  Series,
  TrainingRecord,
  TrainingRun,
} from "./types";
export {
  CELL_COLORS,
  DASHES,
  FALLBACK_COLORS,
  MARKER_COLORS,
  STRATEGY_COLORS,
  seriesStyles,
  strategyColor,
  strategyName,
  type SeriesStyles,
  type StrategyName,
  type StyleKey,
} from "./palette";
export { logAxis, powerOfTenLabel, type LogAxis } from "./data/logAxis";
export { gradientNormChart, type GradientNormChartOptions } from "./charts/gradientNormChart";
export { gradientHeatmapChart } from "./charts/gradientHeatmapChart";
export { trainingCurvesChart, type TrainingCurvesOptions } from "./charts/trainingCurvesChart";
export { accuracyChart, type AccuracyBand, type AccuracyChartOptions } from "./charts/accuracyChart";
export { spectralRadiusChart, type SpectralRadiusChartOptions } from "./charts/spectralRadiusChart";
export { cliffChart, type CliffChartOptions } from "./charts/cliffChart";
export { stepContributionChart, type StepContributionChartOptions } from "./charts/stepContributionChart";
export { sparkline, type SparklineOptions } from "./terminal/sparkline";
export { asciiChart, type AsciiChartOptions } from "./terminal/asciiChart";

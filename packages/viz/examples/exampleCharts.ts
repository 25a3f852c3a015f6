// Every chart drawn from the example data, with the file names the docs script writes.
import type { TopLevelSpec } from "vega-lite";
import {
  accuracyChart,
  cliffChart,
  gradientHeatmapChart,
  gradientNormChart,
  spectralRadiusChart,
  stepContributionChart,
  trainingCurvesChart,
} from "../src/index";
import { exampleData } from "./exampleData";

export interface ExampleChart {
  readonly name: string;
  readonly spec: TopLevelSpec;
}

export function exampleCharts(seed = 7): ExampleChart[] {
  const d = exampleData(seed);
  return [
    { name: "gradient-norms", spec: gradientNormChart(d.gradientNorms) },
    { name: "gradient-heatmap", spec: gradientHeatmapChart(d.heatmap) },
    { name: "training-curves", spec: trainingCurvesChart(d.training) },
    { name: "accuracy-distance", spec: accuracyChart(d.accuracyByDistance, { by: "distance", chance: 0.5 }) },
    { name: "accuracy-attractors", spec: accuracyChart(d.accuracyByAttractors, { by: "attractors", chance: 0.5 }) },
    { name: "spectral-radius", spec: spectralRadiusChart(d.spectralRadius, { gamma: 1 }) },
    { name: "cliff", spec: cliffChart(d.cliff.grid, d.cliff.paths) },
    { name: "step-contributions", spec: stepContributionChart(d.stepContributions) },
  ];
}

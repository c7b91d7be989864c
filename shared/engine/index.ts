// The apportionment engine: pure TypeScript, no I/O (docs/brief.md, "The method").
export type { Confidence, EngineInput, EngineLine, EngineWard, LineResult, NeighbourhoodSpec, NeighbourhoodSummary, Refusal, WardAmounts } from './types';
export { Borough } from './borough';
export { WeightVector } from './weights';
export { apportionLine, deprivationFactors, effectiveConfidence } from './apportion';
export { largestRemainder, largestRemainderExact, neighbourhoodAmount } from './largest-remainder';
export { Allocation, type AllocatedLine } from './allocation';
export { NeighbourhoodTracker, neighbourhoodSummary, perHead, type LineFigures } from './summary';
export { lineSensitivity, neighbourhoodPence, type SensitivityMode } from './sensitivity';
export { focusLines, focusRefs } from './focus';
export { compareText } from './order';

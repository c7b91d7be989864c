// The business case engine (issue 17): pure, exact, no I/O.
export { evaluateProposal, CbaError, type CbaContext, type CbaEvaluation, type CbaFigures, type CbaPartner, type CbaYear, type Scenario, type UnitCostLookup } from './evaluate';
export { searchUnitCosts, type UnitCost } from './unit-costs';

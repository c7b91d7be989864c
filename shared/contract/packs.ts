// Contract: Excel packs for partners and neighbourhoods, and the round trip back.
// (Filled in by the packs work; see electron/backend/packs.)
export const packMethods = {} as const;

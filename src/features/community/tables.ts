// The community's tables (migration 0014). Filled in with the feature.
export interface CommunityTables {}

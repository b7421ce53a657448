// The gap tasks' tables (migration 0013). Filled in with the feature.
export interface TaskTables {}

// Lesson observations' tables (migration 0015). Filled in with the feature.
export interface ObservationTables {}

// The eligibility module's public face: what the app and other modules may use of it.
export { PARTICIPANT_ROLES, evaluateParticipants, evaluateSchool, questionsFor } from './evaluate.ts';
export type { Assessment, ParticipantFacts, Participation, SchoolFacts, Verdict } from './evaluate.ts';
export { createEligibilityRepository } from './repository.ts';
export { eligibilityRoutes } from './routes.ts';
export { describe, ruleSchema } from './rules.ts';
export type { Names, Rule } from './rules.ts';
export { createEligibilityService } from './service.ts';

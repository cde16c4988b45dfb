import { JourneyStage } from '../entities/enums';

const STAGES = Object.values(JourneyStage);

/**
 * Where the journey goes next: a patient not on one starts at INTAKE; every stage is followed by
 * the next; after RESTART_ANNUAL_PROCESS the annual cycle begins again at INITIAL_LABS (labs,
 * review, exam and medication each year; onboarding happens once).
 */
export function nextJourneyStage(current: JourneyStage | null): JourneyStage {
  if (current === null) return JourneyStage.INTAKE;
  if (current === JourneyStage.RESTART_ANNUAL_PROCESS) return JourneyStage.INITIAL_LABS;
  return STAGES[STAGES.indexOf(current) + 1];
}

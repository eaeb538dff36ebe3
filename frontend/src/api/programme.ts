// The programme and standard in force, as the API describes them: every page that shows a milestone,
// a rule or a form field reads them from here, never from constants.
import type { ProgrammeAnswer } from '#contract/programme.js';
import { useApi } from '#web/lib/api.js';

export type ProgrammeView = ProgrammeAnswer;
export type StandardView = ProgrammeView['ruleSet'];

export const useProgramme = () => useApi<ProgrammeView>('/api/programme');

/** The programme's root area (its code, name and words), once the programme is read: what the root office's pages show. */
export const useRootArea = () => useProgramme().data?.area ?? null;

import { actorId } from '../auth/scope';
import { currentSchool, saveSchoolProfile } from '../services/school';
import type { HandlerMap } from './types';

export const schoolHandlers: HandlerMap<'getSchool' | 'saveSchoolProfile'> = {
  getSchool: (_input, ctx) => currentSchool(ctx.db),
  saveSchoolProfile: (input, ctx) => {
    const school = saveSchoolProfile(ctx.db, input, actorId(ctx));
    return school;
  },
};

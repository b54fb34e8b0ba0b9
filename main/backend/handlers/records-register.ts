import { assertClassAccess, requireSchoolId } from '../auth/scope';
import { openRegister, saveRegister } from '../services/register';
import { actorOf } from './records-context';
import type { HandlerMap } from './types';

export const registerHandlers: HandlerMap<'openRegister' | 'saveRegister'> = {
  openRegister: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertClassAccess(ctx, input.classId);
    return openRegister(ctx.db, schoolId, input);
  },
  saveRegister: (input, ctx) => {
    const actor = actorOf(ctx);
    assertClassAccess(ctx, input.classId);
    const saved = saveRegister(ctx.db, actor, input);
    return { ...saved, register: openRegister(ctx.db, actor.schoolId, input) };
  },
};

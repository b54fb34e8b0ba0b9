import { assertStudentAccess, requireSchoolId, teacherScope } from '../auth/scope';
import {
  createIncident,
  deleteIncident,
  editIncident,
  incidentRow,
  listIncidents,
} from '../services/incidents';
import {
  createIntervention,
  editIntervention,
  interventionRow,
  listInterventions,
  listInterventionsDue,
} from '../services/interventions';
import { actorOf } from './records-context';
import type { HandlerMap } from './types';

type BehaviourRequest =
  | 'createIncident'
  | 'editIncident'
  | 'deleteIncident'
  | 'listIncidents'
  | 'createIntervention'
  | 'editIntervention'
  | 'listInterventions'
  | 'listInterventionsDue';

export const behaviourHandlers: HandlerMap<BehaviourRequest> = {
  createIncident: (input, ctx) => {
    const actor = actorOf(ctx);
    assertStudentAccess(ctx, input.studentId);
    const incident = createIncident(ctx.db, actor, input);
    return incident;
  },
  editIncident: (input, ctx) => {
    const actor = actorOf(ctx);
    assertStudentAccess(ctx, incidentRow(ctx.db, actor.schoolId, input.incidentId).student_id);
    const incident = editIncident(ctx.db, actor, input);
    return incident;
  },
  deleteIncident: (input, ctx) => {
    const actor = actorOf(ctx);
    assertStudentAccess(ctx, incidentRow(ctx.db, actor.schoolId, input.incidentId).student_id);
    const deleted = deleteIncident(ctx.db, actor, input.incidentId);
    return deleted;
  },
  listIncidents: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertStudentAccess(ctx, input.studentId);
    return listIncidents(ctx.db, schoolId, input.studentId);
  },
  createIntervention: (input, ctx) => {
    const actor = actorOf(ctx);
    assertStudentAccess(ctx, input.studentId);
    const intervention = createIntervention(ctx.db, actor, input);
    return intervention;
  },
  editIntervention: (input, ctx) => {
    const actor = actorOf(ctx);
    const before = interventionRow(ctx.db, actor.schoolId, input.interventionId);
    // Owners record their interventions' progress even for students outside their classes.
    if (before.owner_id === null || before.owner_id !== actor.userId) {
      assertStudentAccess(ctx, before.student_id);
    }
    const intervention = editIntervention(ctx.db, actor, input);
    return intervention;
  },
  listInterventions: (input, ctx) => {
    const schoolId = requireSchoolId(ctx);
    assertStudentAccess(ctx, input.studentId);
    return listInterventions(ctx.db, schoolId, input.studentId);
  },
  listInterventionsDue: (_input, ctx) =>
    listInterventionsDue(ctx.db, requireSchoolId(ctx), {
      today: ctx.today(),
      teacherId: teacherScope(ctx),
    }),
};

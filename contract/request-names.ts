import type { RequestName } from './requests';

/**
 * The request names alone, so the preload can build window.beacon without bundling the schemas.
 * The check below makes a name missing here a type error.
 */
export const requestNames = ['health', 'getSchool', 'saveSchoolProfile'] as const;

type Missing = Exclude<RequestName, (typeof requestNames)[number]>;
type Extra = Exclude<(typeof requestNames)[number], RequestName>;
export const requestNamesAreComplete: [Missing, Extra] extends [never, never] ? true : never = true;

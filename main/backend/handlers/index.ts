import { healthHandlers } from './health';
import { mergeHandlerMaps } from './merge';
import { schoolHandlers } from './school';
import type { Handlers } from './types';

/** Every request's handler. A request in the contract without one here is a type error. */
export const handlers = mergeHandlerMaps(healthHandlers, schoolHandlers) satisfies Handlers;

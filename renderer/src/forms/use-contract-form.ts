import { zodResolver } from '@hookform/resolvers/zod';
import {
  useForm,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormProps,
  type UseFormSetError,
} from 'react-hook-form';
import type { z } from 'zod';
import type { Failure } from '../../../contract';
import { fieldErrors } from '../field-errors';

/**
 * A react-hook-form form validated by the contract's own zod schema, the one the backend checks
 * again: the form refuses what the backend would. Messages are the schema's; show them through
 * `fieldMessage` so they read in the user's language.
 */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  options: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, 'resolver'> = {},
) {
  return useForm<z.input<S>, unknown, z.output<S>>({
    // The resolver's overloads cannot infer through a generic schema; the types are the same.
    resolver: zodResolver(schema) as unknown as Resolver<z.input<S>, unknown, z.output<S>>,
    mode: 'onTouched',
    ...options,
  });
}

/**
 * Puts an INVALID_INPUT failure's messages under the fields they name (top-level field names);
 * answers whether any was placed, so the caller shows the failure itself otherwise.
 */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  failure: Failure,
): boolean {
  const errors = Object.entries(fieldErrors(failure));
  errors.forEach(([field, message], i) =>
    setError(field as Path<T>, { type: 'server', message }, { shouldFocus: i === 0 }),
  );
  return errors.length > 0;
}

import type { TFunction } from 'i18next';
import { isModelKind } from '../../../contract/domains/risk';

/** A model kind in words ("random forest"); a kind this app does not know keeps its code. */
export function modelKindName(t: TFunction<'risk'>, kind: string): string {
  return isModelKind(kind) ? t(`model.${kind}`) : kind;
}

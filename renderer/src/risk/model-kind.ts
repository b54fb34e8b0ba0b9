import type { TFunction } from 'i18next';

const modelKinds = ['logistic', 'mlp', 'forest', 'boosting', 'ensemble'] as const;
type ModelKind = (typeof modelKinds)[number];
const isModelKind = (k: string): k is ModelKind => (modelKinds as readonly string[]).includes(k);

/** A model kind in words ("random forest"); a kind this app does not know keeps its code. */
export function modelKindName(t: TFunction<'risk'>, kind: string): string {
  return isModelKind(kind) ? t(`model.${kind}`) : kind;
}

import type { Language } from './languages';

/** A catalog's words: strings, grouped in nested objects. */
export interface Messages {
  readonly [key: string]: string | Messages;
}

/** The same keys as `T`, with any words: what a translation of an English catalog must hold. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};

/** One screen's words in every language; the English shape is the one the others follow. */
export type Catalog<T extends Messages> = { en: T } & Record<
  Exclude<Language, 'en'>,
  Translation<T>
>;

/**
 * Declares a screen's catalog. A key missing from a translation is a type error, and the unit
 * test test/unit/i18n-catalogs.test.ts checks the same at run time.
 */
export function defineCatalog<const T extends Messages>(catalog: Catalog<T>): Catalog<T> {
  return catalog;
}

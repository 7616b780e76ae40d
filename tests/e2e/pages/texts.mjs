// The page's own texts, read from its catalogs (src/i18n/{es,en,pt}.rs), so
// tests find elements by the words a payer reads in each language.
import { readFileSync } from 'node:fs';

function catalog(lang) {
  const source = readFileSync(new URL(`../../../src/i18n/${lang}.rs`, import.meta.url), 'utf8');
  return Object.fromEntries([...source.matchAll(/^\s+([A-Za-z]+) => "(.*)",$/gm)].map(([, key, text]) => [key, text]));
}

export const TEXTS = { es: catalog('es'), en: catalog('en'), pt: catalog('pt') };

/** The text of `key` in `lang` (es, en or pt), as the page shows it. */
export function t(key, lang = 'es') {
  const text = TEXTS[lang][key];
  if (text === undefined) throw new Error(`no text ${key} in ${lang}`);
  return text;
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches exactly the text of any of `keys`, in any of the page's languages. */
export function inAnyLanguage(...keys) {
  const texts = new Set(keys.flatMap((key) => Object.keys(TEXTS).map((lang) => t(key, lang))));
  return new RegExp(`^(?:${[...texts].map(escapeRegExp).join('|')})$`);
}

/** Matches a text that starts as `key` does, up to its first `{field}`, in any language. */
export function startingAs(...keys) {
  const heads = new Set(keys.flatMap((key) => Object.keys(TEXTS).map((lang) => t(key, lang).split('{')[0])));
  return new RegExp(`^(?:${[...heads].map(escapeRegExp).join('|')})`);
}

/**
 * Matches `text` whole and as written: for `toHaveText`, whose plain
 * strings compare with white space collapsed (a no-break space in an amount
 * would pass as a space).
 */
export function exactly(text) {
  return new RegExp(`^${escapeRegExp(text)}$`);
}

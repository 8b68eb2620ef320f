/**
 * The text cleaners have fast paths (they return the string untouched when nothing needs
 * cleaning: the parser calls them on nearly every cell). Each must give exactly what the plain
 * regex version gives, on strings built from the characters that matter: every kind of
 * space, full-width forms and their neighbours, control characters, CJK, ASCII.
 */
import fc from "fast-check";
import { foldFullWidth, isBlank, normalizeSpaces } from "../../src/workbook/cells";
import { runs } from "./arbitraries";

const referenceNormalize = (s: string): string => s.replace(/[\s\u00a0\u3000\u2000-\u200b\ufeff]+/g, " ").trim();
const referenceFold = (s: string): string => s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const INTERESTING = [
  " ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u1680", "\u2000", "\u2005", "\u200a", "\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff",
  "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u009f", "\u200c", "\u180e",
  "\uff00", "\uff01", "\uff10", "\uff19", "\uff21", "\uff5e", "\uff5f", "\uff0a",
  "出", "席", "a", "Z", "0", "9", "-", "*",
];
const textArb = fc.array(fc.oneof(fc.constantFrom(...INTERESTING), fc.string({ maxLength: 3 }), fc.fullUnicodeString({ maxLength: 2 })), { maxLength: 12 }).map((xs) => xs.join(""));

describe("cleaner fast paths agree with the plain regex versions", () => {
  test("normalizeSpaces", () => {
    fc.assert(fc.property(textArb, (s) => normalizeSpaces(s) === referenceNormalize(s)), runs(2000));
  });
  test("foldFullWidth", () => {
    fc.assert(fc.property(textArb, (s) => foldFullWidth(s) === referenceFold(s)), runs(2000));
  });
  test("isBlank", () => {
    fc.assert(fc.property(textArb, (s) => isBlank(s) === (referenceNormalize(s) === "")), runs(2000));
  });
  test("each interesting character alone and between letters", () => {
    for (const c of INTERESTING) {
      for (const s of [c, `a${c}b`, `a ${c}b`, `${c}${c}`, ` ${c}`, `${c} `]) {
        expect([s, normalizeSpaces(s), foldFullWidth(s), isBlank(s)]).toEqual([s, referenceNormalize(s), referenceFold(s), referenceNormalize(s) === ""]);
      }
    }
  });
});

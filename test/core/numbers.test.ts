import { clamp, floorRatio, naturalCompare, roundHalfUp } from "../../src/core/numbers";

describe("roundHalfUp: half-up to 2 decimals on the value a person writes down", () => {
  test.each([
    // x.xx5 rounds UP, even where the binary double sits just below it
    { value: 80.125, expected: 80.13 }, // 80.125 → 80.13 (half-up)
    { value: 1.005, expected: 1.01 }, // stored as 1.00499999…, hand value 1.005 → 1.01
    { value: 2.675, expected: 2.68 }, // stored as 2.67499999…, hand value 2.675 → 2.68
    { value: 65.625, expected: 65.63 }, // 70 × 0.9375 = 65.625 → 65.63
    { value: 89.995, expected: 90 }, // 89.995 → 90.00, so it reaches the 优秀 line
    { value: 0.125, expected: 0.13 }, // half-up, not half-to-even (which would give 0.12)
    { value: 84.125, expected: 84.13 }, // half-up, not half-to-even
    // below half rounds down
    { value: 1.004, expected: 1 }, // 1.004 → 1.00
    { value: 10.0049, expected: 10 }, // 10.0049 → 10.00
    { value: 89.994, expected: 89.99 }, // 89.994 → 89.99
    // already 2 decimals: unchanged
    { value: 99.99, expected: 99.99 },
    { value: 100, expected: 100 },
    { value: 0, expected: 0 },
  ])("$value → $expected", ({ value, expected }) => {
    expect(roundHalfUp(value)).toBe(expected);
  });

  test("the float sum 0.3×47.5 + 0.3×92.21 + 0.25×68.33 + 0.15×73.33 (= 69.995 by hand) rounds to 70", () => {
    // 14.25 + 27.663 + 17.0825 + 10.9995 = 69.995 → 70.00; the double is 69.99499999…
    const sum = (30 * 47.5 + 30 * 92.21 + 25 * 68.33 + 15 * 73.33) / 100;
    expect(sum).toBeLessThan(69.995);
    expect(roundHalfUp(sum)).toBe(70);
  });

  test.each([
    { value: 0.05, digits: 1, expected: 0.1 }, // 0.05 → 0.1
    { value: 3.45, digits: 1, expected: 3.5 }, // 3.45 → 3.5 (double 3.4500000000000002 or below, hand 3.45)
    { value: 2.5, digits: 0, expected: 3 }, // 2.5 → 3
    { value: 42.857142, digits: 1, expected: 42.9 }, // 42.857… → 42.9
  ])("$value to $digits decimals → $expected", ({ value, digits, expected }) => {
    expect(roundHalfUp(value, digits)).toBe(expected);
  });
});

describe("floorRatio: ⌊ratio × n⌋ exactly", () => {
  test.each([
    { num: 1, den: 3, n: 30, expected: 10 }, // 30/3 = 10 (0.3333 × 30 would give 9)
    { num: 1, den: 3, n: 3, expected: 1 }, // 3/3 = 1
    { num: 1, den: 3, n: 9, expected: 3 }, // 9/3 = 3
    { num: 1, den: 3, n: 8, expected: 2 }, // ⌊2.67⌋ = 2
    { num: 1, den: 3, n: 2, expected: 0 }, // ⌊0.67⌋ = 0
    { num: 1, den: 3, n: 0, expected: 0 },
    { num: 10, den: 100, n: 9, expected: 0 }, // ⌊0.9⌋ = 0
    { num: 10, den: 100, n: 10, expected: 1 }, // 10% × 10 = 1
    { num: 10, den: 100, n: 29, expected: 2 }, // ⌊2.9⌋ = 2
    { num: 10, den: 100, n: 30, expected: 3 }, // 10% × 30 = 3
    { num: 30, den: 100, n: 10, expected: 3 }, // 30% × 10 = 3
  ])("$num/$den × $n → $expected", ({ num, den, n, expected }) => {
    expect(floorRatio({ num, den }, n)).toBe(expected);
  });
});

describe("naturalCompare: 编号 in natural order", () => {
  test("sorts A2 before A10 and letters before later letters", () => {
    const ids = ["A10", "B1", "A2", "A9", "A1", "10", "9"];
    expect([...ids].sort(naturalCompare)).toEqual(["9", "10", "A1", "A2", "A9", "A10", "B1"]);
  });

  test.each([
    { a: "A2", b: "A10", sign: -1 },
    { a: "A10", b: "A2", sign: 1 },
    { a: "9", b: "10", sign: -1 },
    { a: "A2", b: "A2", sign: 0 },
    { a: "A99", b: "B1", sign: -1 },
  ])("$a vs $b → sign $sign", ({ a, b, sign }) => {
    expect(Math.sign(naturalCompare(a, b))).toBe(sign);
  });
});

describe("clamp", () => {
  test.each([
    { value: 105, expected: 100 },
    { value: -3, expected: 0 },
    { value: 57.5, expected: 57.5 },
  ])("clamp($value, 0, 100) → $expected", ({ value, expected }) => {
    expect(clamp(value, 0, 100)).toBe(expected);
  });
});

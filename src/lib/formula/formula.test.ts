import { describe, expect, test } from "vitest";
import { analyzeFormula, evaluateFormula, formulaToText, type FormulaFieldInfo } from "./index";
import { numberToText } from "./values";

const fields: FormulaFieldInfo[] = [
  { id: "n", name: "Num", type: "number" },
  { id: "e", name: "Empty", type: "number" },
  { id: "t", name: "Text", type: "text" },
  { id: "bt", name: "Blank text", type: "text" },
  { id: "d", name: "When", type: "datetime" },
  { id: "day", name: "Day", type: "date" },
  { id: "a", name: "Tags", type: "multi_select" },
  { id: "b", name: "Done", type: "boolean" },
  { id: "f", name: "Twice", type: "formula", options: { formula: "{Num} * 2" } },
  { id: "lk", name: "Look", type: "lookup", options: {} },
];
const record = { id: "42", createdTime: "2024-01-01T00:00:00.000Z", lastModifiedTime: "2024-06-01T12:00:00.000Z", n: 7, e: null, t: "Hello World", bt: null, d: "2024-03-10T07:30:00.000Z", day: "2024-02-29T00:00:00.000Z", a: ["red", "", "blue", "red", null], b: true, f: 14 };
const now = new Date("2024-12-31T23:30:00.000Z");

function run(formula: string, timeZone = "UTC") {
  const analyzed = analyzeFormula(formula, fields);
  if (!analyzed.ok) throw new Error(`${formula}: ${analyzed.error.message}`);
  return evaluateFormula(analyzed.ast, record, { now, timeZone });
}
const errorOf = (formula: string) => {
  const analyzed = analyzeFormula(formula, fields);
  if (analyzed.ok) throw new Error(`${formula} should not check`);
  return analyzed.error;
};

describe("parse and type errors point at the offending text", () => {
  test.each([
    ["SUM(1, 2", "Expected ')' at 8", 8],
    ["(1 + 2))", "Unexpected ')' at 7", 7],
    ["FOO(1)", "Unknown function FOO at 0", 0],
    ["IF(1)", "IF expects 2 to 3 arguments but got 1 at 0", 0],
    ["'abc", "Unterminated string at 0", 0],
    ["1 + * 2", "Unexpected '*' at 4", 4],
    ["{Num} + {Gone}", "Unknown field {Gone} at 8", 8],
    ["{Text} * 2", "'*' needs numbers but got text (use & to join text, VALUE to read a number) at 0", 0],
    ["{Look}", "A lookup field like {Look} cannot be used in a formula at 0", 0],
    ["REGEX_MATCH({Text}, '(?=a)')", "REGEX_MATCH: regular expression: only (?: ) groups are supported at 20", 20],
    ["DATETIME_FORMAT({When}, 'YYYY Q')", "DATETIME_FORMAT: unsupported date format token 'Q'", 24],
    ["DATEADD({When}, 1, {Text})", "DATEADD needs literal text in quotes here at 19", 19],
    ["", "The formula is empty at 0", 0],
    ["{When} < 3", "Cannot compare date with number using '<' at 9", 9],
  ])("%s", (formula, message, position) => {
    const error = errorOf(formula);
    expect(error.message.startsWith(message) || error.message === message).toBe(true);
    expect(error.position).toBe(position);
  });

  test("cycles are errors, not crashes", () => {
    const cyclic: FormulaFieldInfo[] = [
      { id: "x", name: "X", type: "formula", options: { formula: "{Y} + 1" } },
      { id: "y", name: "Y", type: "formula", options: { formula: "{X} + 1" } },
    ];
    const result = analyzeFormula("{X}", cyclic, { selfId: "z" });
    expect(result.ok).toBe(false);
    expect(analyzeFormula("{Y} + 1", cyclic, { selfId: "x" }).ok).toBe(false);
  });

  test("references are kept by field id: a rename shows the new name", () => {
    const analyzed = analyzeFormula('IF({num} > 1, "big" & {Text}, -{Num} * (2 + 3))', fields);
    if (!analyzed.ok) throw new Error(analyzed.error.message);
    const renamed = fields.map((f) => (f.id === "n" ? { ...f, name: "Amount" } : f));
    expect(formulaToText(analyzed.ast, renamed)).toBe('IF({Amount} > 1, "big" & {Text}, -{Amount} * (2 + 3))');
  });
});

describe("functions", () => {
  test.each<[string, unknown]>([
    // operators and blanks
    ["{Empty} + 1", 1],
    ["{Blank text} & \"a\"", "a"],
    ["1 / 0", null],
    ["ISERROR(1 / 0)", true],
    ["ISERROR(ERROR())", true],
    ["ISERROR(IF(FALSE(), 1 / 0, 2))", false],
    ["-7 % 3", -1],
    ["2 + 3 * 4 - 1", 13],
    ['"a" < "b"', true],
    ["{Empty} = 0", true],
    ["{Empty} = BLANK()", true],
    ["{Blank text} = \"\"", true],
    ["{Num} != 7", false],
    ["{Num} <> 8", true],
    ["TRUE + 1", 2],
    // logical
    ["IF({Num} > 5, \"big\", \"small\")", "big"],
    ["IF(0, 1)", null],
    ["IF(\"\", 1, 2)", 2],
    ["IF({Tags}, \"has\", \"none\")", "has"],
    ["IF(TRUE, 1, \"x\")", "1"],
    ['SWITCH({Num}, 1, "one", 7, "seven", "other")', "seven"],
    ['SWITCH({Num}, 1, "one", "other")', "other"],
    ['SWITCH({Num}, 1, "one")', null],
    ["AND(1, \"a\", TRUE)", true],
    ["AND(1, 0)", false],
    ["OR(0, {Empty}, \"\")", false],
    ["XOR(1, 1, 1)", true],
    ["NOT({Empty})", true],
    ["BLANK()", null],
    // text
    ["CONCATENATE(\"a\", 1, TRUE, {Empty})", "a1TRUE"],
    ["LEN({Blank text})", 0],
    ["LEN(\"🎉ab\")", 3],
    ["LOWER(\"ÀBC\")", "Àbc"],
    ["UPPER({Text})", "HELLO WORLD"],
    ["TRIM(\"  a b  \")", "a b"],
    ["LEFT({Text}, 5)", "Hello"],
    ["LEFT({Text}, -1)", null],
    ["RIGHT({Text}, 5)", "World"],
    ["MID({Text}, 7, 3)", "Wor"],
    ["MID({Text}, 0, 2)", "He"],
    ["FIND(\"o\", {Text})", 5],
    ["FIND(\"o\", {Text}, 6)", 8],
    ["FIND(\"z\", {Text})", 0],
    ["FIND(\"\", {Text})", 0],
    ["SEARCH(\"WORLD\", {Text})", 7],
    ["SUBSTITUTE(\"a-b-c\", \"-\", \"+\")", "a+b+c"],
    ["SUBSTITUTE(\"a-b-c\", \"-\", \"+\", 2)", "a-b+c"],
    ["SUBSTITUTE(\"a-b-c\", \"-\", \"+\", 5)", "a-b-c"],
    ["REPLACE(\"abcdef\", 2, 3, \"X\")", "aXef"],
    ["REPT(\"ab\", 3)", "ababab"],
    ["REPT(\"ab\", 0)", null],
    ["ISERROR(REPT(\"ab\", 100000))", true],
    ["T({Text})", "Hello World"],
    ["T({Num})", null],
    ["VALUE(\"$1,234.50\")", 1234.5],
    ["VALUE(\"\")", null],
    ["ISERROR(VALUE(\"abc\"))", true],
    ["ENCODE_URL_COMPONENT(\"a b&c/é\")", "a%20b%26c%2F%C3%A9"],
    ["REGEX_MATCH({Text}, '^H.*d$')", true],
    ["REGEX_MATCH({Text}, '\\\\d')", false],
    ["REGEX_MATCH({Text}, '\\\\w+ \\\\w+')", true],
    ["REGEX_EXTRACT(\"order 1234 ok\", '[0-9]+')", "1234"],
    ["REGEX_EXTRACT(\"none\", '[0-9]+')", null],
    ["REGEX_REPLACE(\"a1b22c\", '[0-9]+', \"$1#\")", "a$1#b$1#c"],
    // numbers
    ["ABS(-2.5)", 2.5],
    ["ABS({Empty})", null],
    ["CEILING(2.1)", 3],
    ["CEILING(7, 5)", 10],
    ["FLOOR(-2.1)", -3],
    ["FLOOR(7, 5)", 5],
    ["ROUND(2.5)", 3],
    ["ROUND(-2.5)", -3],
    ["ROUND(1234.5678, 2)", 1234.57],
    ["ROUND(1234.5678, -2)", 1200],
    ["ROUNDUP(1.21, 1)", 1.3],
    ["ROUNDDOWN(-1.29, 1)", -1.2],
    ["INT(-1.5)", -2],
    ["MOD(7, 3)", 1],
    ["MOD(-7, 3)", -1],
    ["MOD(1, 0)", null],
    ["POWER(2, 10)", 1024],
    ["POWER(-8, 1 / 3)", null],
    ["POWER(0, -1)", null],
    ["SQRT(16)", 4],
    ["SQRT(-1)", null],
    ["EXP(0)", 1],
    ["LOG(100)", 2],
    ["LOG(8, 2)", 3],
    ["LOG(0)", null],
    ["LOG10(1000)", 3],
    ["MIN(3, {Empty}, 1)", 1],
    ["MAX({Empty})", null],
    ["SUM(1, {Empty}, 2)", 3],
    ["AVERAGE(1, {Empty}, 2)", 1.5],
    ["COUNT(1, {Empty}, \"a\", 3)", 2],
    ["COUNTA(1, {Empty}, \"a\", \"\", {Tags})", 5],
    ["EVEN(1.5)", 2],
    ["EVEN(-1)", -2],
    ["ODD(0)", 1],
    ["ODD(2)", 3],
    ["ODD(-2)", -3],
    // dates
    ["NOW()", "2024-12-31T23:30:00.000Z"],
    ["TODAY()", "2024-12-31T00:00:00.000Z"],
    ["YEAR({When})", 2024],
    ["MONTH({Day})", 2],
    ["DAY({Day})", 29],
    ["HOUR({When})", 7],
    ["MINUTE({When})", 30],
    ["SECOND({When})", 0],
    ["WEEKDAY({When})", 0],
    ["WEEKDAY({When}, 'Monday')", 6],
    ["WEEKNUM(DATETIME_PARSE('2024-01-06'))", 1],
    ["WEEKNUM(DATETIME_PARSE('2024-01-07'))", 2],
    ["DATEADD({Day}, 1, 'years')", "2025-02-28T00:00:00.000Z"],
    ["DATEADD({Day}, 1, 'days')", "2024-03-01T00:00:00.000Z"],
    ["DATEADD(DATETIME_PARSE('2024-01-31'), 1, 'months')", "2024-02-29T00:00:00.000Z"],
    ["DATEADD({When}, 90, 'minutes')", "2024-03-10T09:00:00.000Z"],
    ["DATEADD({When}, -1, 'w')", "2024-03-03T07:30:00.000Z"],
    ["DATETIME_DIFF({When}, {Day}, 'days')", 10],
    ["DATETIME_DIFF({Day}, {When}, 'days')", -10],
    ["DATETIME_DIFF({When}, {Day}, 'hours')", 247],
    ["DATETIME_DIFF(DATETIME_PARSE('2024-03-30'), DATETIME_PARSE('2024-01-31'), 'months')", 1],
    ["DATETIME_DIFF(DATETIME_PARSE('2025-02-28'), {Day}, 'years')", 0],
    ["DATETIME_DIFF({When}, {Empty Date})", null],
    ["DATETIME_FORMAT({When}, 'dddd, MMMM Do YYYY h:mm a')", "Sunday, March 10th 2024 7:30 am"],
    ["DATETIME_FORMAT({When})", "2024-03-10T07:30:00.000Z"],
    ["DATETIME_PARSE('31/12/2024', 'DD/MM/YYYY')", "2024-12-31T00:00:00.000Z"],
    ["DATETIME_PARSE('2024-03-10T10:00+05:30')", "2024-03-10T04:30:00.000Z"],
    ["DATETIME_PARSE('2023-02-29')", null],
    ["ISERROR(DATETIME_PARSE('nope'))", true],
    ["DATESTR({When})", "2024-03-10"],
    ["IS_BEFORE({Day}, {When})", true],
    ["IS_AFTER({Day}, {When})", false],
    ["IS_SAME({Day}, DATETIME_PARSE('2024-02-29 18:00'), 'day')", true],
    ["IS_SAME({Day}, {When}, 'month')", false],
    ["WORKDAY(DATETIME_PARSE('2024-03-08'), 1)", "2024-03-11T00:00:00.000Z"],
    ["WORKDAY(DATETIME_PARSE('2024-03-09'), -1)", "2024-03-08T00:00:00.000Z"],
    ["WORKDAY(DATETIME_PARSE('2024-03-06'), 10)", "2024-03-20T00:00:00.000Z"],
    // arrays and the record
    ["ARRAYJOIN({Tags})", "red, , blue, red"],
    ["ARRAYJOIN(ARRAYCOMPACT({Tags}), \"|\")", "red|blue|red"],
    ["ARRAYUNIQUE({Tags})", ["red", "", "blue", null]],
    ["RECORD_ID()", "42"],
    ["CREATED_TIME()", "2024-01-01T00:00:00.000Z"],
    ["LAST_MODIFIED_TIME() > CREATED_TIME()", true],
    ["{Twice} + 1", 15],
  ])("%s", (formula, expected) => {
    if (formula.includes("{Empty Date}")) {
      const analyzed = analyzeFormula(formula, [...fields, { id: "ed", name: "Empty Date", type: "date" }]);
      expect(analyzed.ok && evaluateFormula(analyzed.ast, record, { now, timeZone: "UTC" })).toBe(expected);
      return;
    }
    expect(run(formula)).toEqual(expected);
  });

  test("time zones: calendar readings, TODAY and day arithmetic happen in the formula's zone", () => {
    expect(run("DAY({When})", "America/New_York")).toBe(10);
    expect(run("HOUR({When})", "America/New_York")).toBe(3);
    expect(run("TODAY()", "Asia/Tokyo")).toBe("2024-12-31T15:00:00.000Z");
    // Across the New York spring-forward: one calendar day later, same wall-clock time, 23 hours.
    expect(run("DATEADD(DATETIME_PARSE('2024-03-09 12:00'), 1, 'days')", "America/New_York")).toBe("2024-03-10T16:00:00.000Z");
    expect(run("DATETIME_FORMAT(NOW(), 'YYYY-MM-DD HH:mm')", "Asia/Kolkata")).toBe("2025-01-01 05:00");
  });

  test("numbers print like PostgreSQL's float8", () => {
    expect([0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, 1e15, 1e14, -0, 0.0001].map(numberToText)).toEqual([
      "0.30000000000000004",
      "1e+21",
      "1e-07",
      "1.2345678901234568e+20",
      "1e+15",
      "100000000000000",
      "0",
      "0.0001",
    ]);
  });
});

/**
 * The layers hold by lint (eslint.layers.mjs): each forbidden import, and Office in the pure
 * layers, is an error at its line — and the allowed ones are not. The code is linted as if it
 * were a file at the given path; nothing is written into src.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO } from "../support/files";

interface Message {
  readonly ruleId: string | null;
  readonly line: number;
}

function lint(file: string, code: string): Message[] {
  const r = spawnSync(
    process.execPath,
    [path.join(REPO, "node_modules/eslint/bin/eslint.js"), "--no-config-lookup", "-c", "test/support/eslint-layers-only.mjs", "--format", "json", "--stdin", "--stdin-filename", file],
    { cwd: REPO, input: code, encoding: "utf8" },
  );
  const out = JSON.parse(r.stdout) as { messages: Message[] }[];
  return out[0]?.messages ?? [];
}

const rules = (file: string, code: string): string[] => lint(file, code).map((m) => `${m.line} ${m.ruleId}`);

test.each([
  ["src/core/x.ts", 'import { a1 } from "../workbook/cells";'],
  ["src/core/x.ts", 'import { readFileSync } from "node:fs";'],
  ["src/messages/x.ts", 'import { LOOKS } from "../workbook/sheetdoc";'],
  ["src/workbook/x.ts", 'import { xlsxPort } from "../xlsx/host";'],
  ["src/workbook/parse/x.ts", 'import { calculateWorkbook } from "../../excel/host";'],
  ["src/workbook/x.ts", 'import ExcelJS from "exceljs";'],
  ["src/ui/x.ts", 'import type { Reply } from "../web/protocol";'],
  ["src/node/x.ts", 'import type ExcelJS from "exceljs";'],
  ["src/web/x.ts", 'import ExcelJS from "exceljs";'],
  ["src/excel/x.ts", 'import ExcelJS from "exceljs";'],
  ["src/excel/x.ts", 'import { xlsxPort } from "../xlsx/host";'],
  ["src/xlsx/x.ts", 'import { EXCEL_ERRORS } from "../excel/cells";'],
  ["src/xlsx/x.ts", 'import { promises } from "node:fs";'],
  // SheetJS reads .xls/.ods inside the file host only (src/xlsx/legacy.ts), like exceljs.
  ["src/web/x.ts", 'import * as XLSX from "@e965/xlsx";'],
  ["src/node/x.ts", 'import * as cptable from "@e965/xlsx/dist/cpexcel";'],
  ["src/workbook/x.ts", 'import * as XLSX from "@e965/xlsx";'],
  ["src/ui/x.ts", 'import * as XLSX from "@e965/xlsx";'],
  // Her package's zip and XML are the file host's business too (src/xlsx/zip.ts, xml.ts).
  ["src/web/x.ts", 'import { unzipSync } from "fflate";'],
  ["src/node/x.ts", 'import { SaxesParser } from "saxes";'],
  ["src/workbook/x.ts", 'import { inflateSync } from "fflate";'],
])("%s: %s is an error", (file, line) => {
  expect(rules(file, `${line}\nexport const k = 1;\n`)).toEqual(["1 no-restricted-imports"]);
});

test.each([
  ["src/core/x.ts", 'import { issue } from "./issues";'],
  ["src/messages/x.ts", 'import type { Issue } from "../core/issues";'],
  ["src/workbook/x.ts", 'import { appraise } from "../core/appraise";'],
  ["src/workbook/parse/x.ts", 'import { describe } from "../../messages/zh-CN";'],
  ["src/ui/x.ts", 'import { OUTPUT_SHEETS } from "../workbook/layout";'],
  ["src/xlsx/x.ts", 'import ExcelJS from "exceljs";'],
  ["src/xlsx/x.ts", 'import * as XLSX from "@e965/xlsx";'],
  ["src/xlsx/x.ts", 'import { inflateSync } from "fflate";'],
  ["src/xlsx/x.ts", 'import { SaxesParser } from "saxes";'],
  ["src/node/x.ts", 'import { xlsxPort } from "../xlsx/host";'],
  ["src/web/x.ts", 'import { calculateSession } from "../workbook/session";'],
])("%s: %s is allowed", (file, line) => {
  expect(rules(file, `${line}\nexport const k = 1;\n`)).toEqual([]);
});

test.each(["src/core/x.ts", "src/workbook/x.ts", "src/messages/x.ts"])("%s may not use Office or Excel", (file) => {
  expect(rules(file, "export const a = (): unknown => Office.context;\nexport const b = (): unknown => Excel.run;\n")).toEqual(["1 no-restricted-globals", "2 no-restricted-globals"]);
});

// The layers (CONTRIBUTING.md): core ← messages ← workbook ← hosts (excel, xlsx, web, node) and
// ui. An import against the arrow is an error, so the layering holds without a reviewer.
// Kept apart from eslint.config.mjs so test/layers.test.ts can run these rules alone.
const HOSTS = ["**/excel/**", "**/xlsx/**", "**/web/**", "**/node/**", "**/taskpane/**", "**/commands/**"];
const IO = ["exceljs", "exceljs/**", "@e965/xlsx", "@e965/xlsx/**", "fflate", "saxes", "node:*", "fs", "path", "os", "child_process", "@microsoft/*", "jszip", "commander"];
/**
 * The spreadsheet libraries: exceljs (new workbooks), SheetJS for .xls/.ods (src/xlsx/legacy.ts),
 * and the zip and XML parts her .xlsx package is read and written with (zip.ts, xml.ts).
 */
const SPREADSHEET_LIBS = ["exceljs", "exceljs/**", "@e965/xlsx", "@e965/xlsx/**", "fflate", "saxes", "jszip"];
const OFFICE_GLOBALS = [
  { name: "Office", message: "Only the hosts (src/excel, src/taskpane, src/commands) know Office." },
  { name: "Excel", message: "Only the hosts (src/excel, src/taskpane, src/commands) know Excel." },
];
const layer = (files, patterns, message, extra = {}) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }], ...extra },
});

export const LAYERS = [
  layer(["src/core/**/*.ts"], ["../*", "../../*", ...IO], "src/core is pure: it imports nothing outside src/core.", {
    "no-restricted-globals": ["error", ...OFFICE_GLOBALS],
  }),
  layer(["src/messages/**/*.ts"], [...HOSTS, "**/workbook/**", "**/ui/**", ...IO], "src/messages words core's codes: it imports src/core only.", {
    "no-restricted-globals": ["error", ...OFFICE_GLOBALS],
  }),
  layer(["src/workbook/**/*.ts"], [...HOSTS, "**/ui/**", ...IO], "src/workbook knows no host, no exceljs, no Office and no I/O: hosts implement its HostPort.", {
    "no-restricted-globals": ["error", ...OFFICE_GLOBALS],
  }),
  layer(["src/ui/**/*.ts"], [...HOSTS, ...SPREADSHEET_LIBS], "src/ui talks to a Backend, never to a host."),
  layer(["src/web/**/*.ts", "src/node/**/*.ts", "src/taskpane/**/*.ts", "src/commands/**/*.ts"], SPREADSHEET_LIBS, "exceljs, SheetJS, fflate and saxes are used in src/xlsx only (the file host)."),
  // The two writers know nothing of each other: what they share is in src/workbook.
  layer(["src/excel/**/*.ts"], [...SPREADSHEET_LIBS, "**/xlsx/**", "**/web/**", "**/node/**"], "The Office.js host uses neither exceljs nor the other hosts."),
  layer(["src/xlsx/**/*.ts"], ["**/excel/**", "**/web/**", "**/node/**", "**/ui/**", "node:*"], "The file host knows neither Office, the page, the CLI nor the file system."),
];

/**
 * Her package as the session's host port (session.ts): names from the workbook part, values
 * read from the sheet parts asked for, and writes carried out on the package (inject.ts). The
 * package is in memory, so every call answers at once.
 */
import { valueExtent } from "../workbook/cells";
import type { HostPort } from "../workbook/session";
import { writeIntoPackage } from "./inject";
import type { XlsxPackage } from "./package";

export function packagePort(pkg: XlsxPackage): HostPort {
  return {
    sheetNames: () => Promise.resolve(pkg.sheetNames()),
    extents: (names) =>
      Promise.resolve(
        names.map((name) => {
          const { rows, cols } = valueExtent(pkg.read(name).grid);
          // A sheet without values that holds a chart, a picture, a table or notes — or a chart
          // sheet — is not empty: the tool never takes it for a blank sheet it may fill.
          if (rows === 0 && pkg.hasObjects(name)) return { name, top: 0, left: 0, rows: 1, cols: 1 };
          return { name, top: 0, left: 0, rows, cols };
        }),
      ),
    read: (extents, firstCells) =>
      Promise.resolve({
        grids: extents.map((e) => ({ name: e.name, grid: pkg.read(e.name).grid })),
        firstCells: firstCells.map((n) => pkg.read(n).grid[0]?.[0] ?? null),
        footers: firstCells.map((n) => pkg.read(n).footer),
      }),
    write: (request) => {
      writeIntoPackage(pkg, request);
      return Promise.resolve();
    },
  };
}

/**
 * The Office.js host on this Excel, for the task pane and the ribbon alike. With ExcelApi 1.11
 * a batch asks Excel to wait until the cell being typed into is entered
 * (RunOptions.delayForCellEdit) instead of failing with InvalidOperationInCellEditMode — the
 * usual state when she types a mark and clicks a button. The reference names no requirement
 * set for the option; 1.11 is where we trust it, so older hosts get the plain run and, in
 * cell-edit mode, the wording src/messages/office.ts gives that error.
 */
import type { ExcelEnv } from "./host";

export function officeEnv(): ExcelEnv {
  const supports = (version: string): boolean => Office.context.requirements.isSetSupported("ExcelApi", version);
  const waitForCellEdit = supports("1.11");
  return {
    run: (batch) => (waitForCellEdit ? Excel.run({ delayForCellEdit: true }, batch) : Excel.run(batch)),
    supports,
  };
}

/**
 * One benchmark task in a fresh process: `node child.js <task> '<json args>'`.
 * Prints `RESULT <json>` as its last line. A fresh process per task keeps one task's garbage
 * and JIT state out of the next one's numbers, and gives each its own peak memory (maxRSS).
 */
import { benchCore } from "./core";
import { benchOffice, benchTemplateFromScratch } from "./officejs";
import { calcRoundTrip, makeBranchFile, plainRoundTrip } from "./roundtrip";

type Args = Record<string, unknown>;

async function runTask(task: string, a: Args): Promise<unknown> {
  switch (task) {
    case "idle":
      return { maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    case "core":
      return benchCore(Number(a.members), Number(a.sessions), Number(a.runs), a.phases === true);
    case "make-file":
      return makeBranchFile(String(a.dir), a.kind === "bare" ? "bare" : "template", Number(a.members), Number(a.sessions));
    case "plain":
      return plainRoundTrip(String(a.file), String(a.out));
    case "calc":
      return calcRoundTrip(String(a.file), String(a.out));
    case "office":
      return benchOffice(Number(a.members));
    case "office-scratch":
      return benchTemplateFromScratch();
    default:
      throw new Error(`unknown task ${task}`);
  }
}

const [task = "", json = "{}"] = process.argv.slice(2);
runTask(task, JSON.parse(json) as Args).then(
  (result) => process.stdout.write(`RESULT ${JSON.stringify(result)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);

/**
 * manifest.xml: valid against the published schemas (offline, xmllint), every resid
 * resolves, every URL points at a file the build emits, and the production build carries the
 * address and publisher given at build time and nothing of localhost (test/addin/build.test.ts
 * checks the rest of the deployed folder).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO, tempDir } from "../support/files";
import { buildWeb, TEST_PROVIDER, TEST_PUBLIC_URL } from "../support/webbuild";

const SCHEMA = path.resolve(REPO, "..", "shared", "manifest-schemas", "OfficeAppManifestV1_1.xsd");
const DEV_URL = "https://localhost:3000/";
const PUBLIC_URL = TEST_PUBLIC_URL;

function xmllint(file: string): { code: number | null; err: string } {
  const r = spawnSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8" });
  return { code: r.status, err: r.stderr };
}

const source = readFileSync(path.join(REPO, "manifest.xml"), "utf8");
const attrs = (xml: string, name: string): string[] => [...xml.matchAll(new RegExp(`\\b${name}="([^"]*)"`, "g"))].map((m) => m[1] as string);
/** URLs in attributes only: the comment at the top may mention addresses in prose. */
const urls = (xml: string): string[] => attrs(xml.replace(/<!--[\s\S]*?-->/g, ""), "DefaultValue").filter((v) => v.startsWith("https://"));

/** The file part of a relative URL (the task pane's carries ?host=excel). */
const fileOf = (rel: string): string => rel.split("?")[0] as string;

describe("manifest.xml", () => {
  test("the task pane is opened as taskpane.html?host=excel, Office's page (office.js in its <head>)", () => {
    expect(urls(source).filter((u) => u.includes("taskpane.html"))).toEqual([
      "https://localhost:3000/taskpane.html?host=excel",
      "https://localhost:3000/taskpane.html?host=excel",
    ]);
  });

  test("validates against the Office add-in manifest schemas", () => {
    expect(existsSync(SCHEMA)).toBe(true);
    const r = xmllint(path.join(REPO, "manifest.xml"));
    expect(r.err).toContain("validates");
    expect(r.code).toBe(0);
  });

  test("a schema violation is caught (the validation can fail)", () => {
    const broken = source.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>");
    const file = path.join(tempDir(), "broken-manifest.xml");
    writeFileSync(file, broken);
    expect(xmllint(file).code).not.toBe(0);
  });

  test("declares what the add-in is: workbook task pane, read/write, zh-CN with en-US, ExcelApi 1.7", () => {
    expect(source).toContain('xsi:type="TaskPaneApp"');
    expect(source).toContain('<Host Name="Workbook"/>');
    expect(source).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(source).toContain("<DefaultLocale>zh-CN</DefaultLocale>");
    expect(source).toMatch(/<Override Locale="en-US" Value="[^"]+"\/>/);
    expect(source).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
    expect(source).toContain('<Action xsi:type="ShowTaskpane">');
    expect(source).toContain("<FunctionName>calculate</FunctionName>");
  });

  test("every resid names a resource, and every resource is used", () => {
    const used = new Set(attrs(source, "resid"));
    const defined = new Set(attrs(source, "id").filter((id) => /^(Icon|Calc|GetStarted|Commands|Taskpane|Group|OpenPane|Calculate)\./.test(id)));
    for (const r of used) expect(defined).toContain(r);
    for (const d of defined) expect(used).toContain(d);
    expect(used.size).toBeGreaterThanOrEqual(12);
  });

  test("every URL points at a file the development build emits", () => {
    const out = buildWeb("development");
    const list = urls(source);
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const u of list) {
      expect(u.startsWith(DEV_URL)).toBe(true);
      expect(existsSync(path.join(out, fileOf(u.slice(DEV_URL.length))))).toBe(true);
    }
  });

  test("the production build swaps localhost for the address given at build time, and still validates", () => {
    const out = buildWeb("production", PUBLIC_URL);
    const built = readFileSync(path.join(out, "manifest.xml"), "utf8");
    expect(built).not.toContain("localhost");
    const list = urls(built);
    expect(list.length).toBe(urls(source).length);
    for (const u of list) {
      expect(u.startsWith(PUBLIC_URL)).toBe(true);
      expect(existsSync(path.join(out, fileOf(u.slice(PUBLIC_URL.length))))).toBe(true);
    }
    expect(built).toContain("<AppDomain>https://appraisal.example.org</AppDomain>");
    expect(built).toContain(`<ProviderName>${TEST_PROVIDER.replace("&", "&amp;")}</ProviderName>`);
    expect(source).not.toContain(`<ProviderName>${TEST_PROVIDER}`);
    expect(xmllint(path.join(out, "manifest.xml")).code).toBe(0);
    // The pages Office opens reference office.js on Microsoft's CDN, as add-ins must; the
    // browser's page references nothing remote.
    const remoteRefs = (file: string): (string | undefined)[] =>
      [...readFileSync(path.join(out, file), "utf8").matchAll(/(?:src|href)="?(https?:\/\/[^"\s>]+)/g)].map((m) => m[1]);
    expect(remoteRefs("taskpane.html")).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    expect(remoteRefs("commands.html")).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    expect(remoteRefs("index.html")).toEqual([]);
  });

  test("a production build without an https address ending in / is refused", () => {
    const r = spawnSync(process.execPath, [path.join(REPO, "node_modules", "webpack-cli", "bin", "cli.js"), "--mode", "production", "--env", "publicUrl=http://insecure.example.org", "--env", `provider=${TEST_PROVIDER}`, "--output-path", path.join(tempDir(), "refused")], { cwd: REPO, encoding: "utf8" });
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain("publicUrl must be an https:// address");
  });
});

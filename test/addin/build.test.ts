/**
 * A deployable build: `npm run build` refuses to ship localhost or a made-up publisher, and
 * what it writes into the deployed folder is fit to deploy — no localhost anywhere, no source
 * maps, the publisher in ProviderName, office.js by a <script> in the <head> of the pages Office
 * opens and nowhere in index.html.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { REPO, tempDir } from "../support/files";
import { buildWeb, TEST_PROVIDER, TEST_PUBLIC_URL } from "../support/webbuild";

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SCHEMA = path.resolve(REPO, "..", "shared", "manifest-schemas", "OfficeAppManifestV1_1.xsd");

/** Every file under dir, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? filesUnder(path.join(dir, f)).map((g) => path.join(f, g)) : [f]));
}

interface ScriptTag {
  readonly src: string | null;
  readonly inHead: boolean;
  readonly async: boolean;
  readonly defer: boolean;
}

/** The <script> tags of a built page, in order (the production pages are minified: attributes may be unquoted). */
function scriptsOf(html: string): ScriptTag[] {
  const headEnd = html.indexOf("</head>");
  return [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => {
    const attrs = m[1] ?? "";
    return {
      src: /\bsrc=("([^"]*)"|([^\s>]+))/.exec(attrs)?.slice(2).find((v) => v !== undefined) ?? null,
      inHead: (m.index ?? 0) < headEnd,
      async: /\basync\b/.test(attrs),
      defer: /\bdefer\b/.test(attrs),
    };
  });
}

/** Runs webpack-cli as `npm run build` does, with the given arguments and environment; never builds for long when refused. */
function build(args: string[], env: Record<string, string> = {}): { code: number | null; out: string; dir: string } {
  const dir = path.join(tempDir(), "web");
  const base = { ...process.env };
  delete base.PUBLIC_URL;
  delete base.PROVIDER_NAME;
  const cli = path.join(REPO, "node_modules", "webpack-cli", "bin", "cli.js");
  const r = spawnSync(process.execPath, [cli, "--mode", "production", "--output-path", dir, ...args], { cwd: REPO, encoding: "utf8", env: { ...base, ...env }, timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, dir };
}

const HOW_TO = ["--env publicUrl=https://", "PUBLIC_URL=", "npm start", "npm run build:dev"];

describe("npm run build refuses what it cannot deploy", () => {
  test("without an address: refused in Chinese and English, saying how to give one, and nothing written", () => {
    const r = build(["--env", `provider=${TEST_PROVIDER}`]);
    expect(r.code).toBe(2);
    expect(r.out).toContain("构建已停止：正式构建需要加载项的发布地址");
    expect(r.out).toContain("Build refused: a production build needs the address");
    for (const s of HOW_TO) expect(r.out).toContain(s);
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(r.dir)).toBe(false);
  });

  test("without a publisher: refused, saying how to give one (PUBLIC_URL from the environment is taken)", () => {
    const r = build([], { PUBLIC_URL: TEST_PUBLIC_URL });
    expect(r.code).toBe(2);
    expect(r.out).toContain("正式构建需要发布者名称（清单的 ProviderName");
    expect(r.out).toContain("a production build needs the publisher's name");
    expect(r.out).toContain('--env provider="');
    expect(r.out).toContain("PROVIDER_NAME=");
    expect(r.out).not.toContain("发布地址");
    expect(existsSync(r.dir)).toBe(false);
  });

  test.each([
    ["this machine", "https://localhost:3000/", "发布地址不能是本机"],
    ["this machine by number", "https://127.0.0.1/addin/", "发布地址不能是本机"],
    ["plain http", "http://appraisal.example.org/", "publicUrl must be an https:// address"],
    ["no closing slash", "https://appraisal.example.org/addin", "publicUrl must be an https:// address"],
  ])("an address of %s is refused", (_what, url, said) => {
    const r = build(["--env", `publicUrl=${url}`], { PROVIDER_NAME: TEST_PROVIDER });
    expect(r.code).toBe(2);
    expect(r.out).toContain(said);
    expect(existsSync(r.dir)).toBe(false);
  });

  test("a publisher longer than the schema's 125 characters is refused (PROVIDER_NAME from the environment is read)", () => {
    const r = build(["--env", `publicUrl=${TEST_PUBLIC_URL}`], { PROVIDER_NAME: "党".repeat(126) });
    expect(r.code).toBe(2);
    expect(r.out).toContain("发布者名称最多 125 个字符");
    const ok = build(["--env", `publicUrl=${TEST_PUBLIC_URL}`, "--env", "provider=   "]);
    expect(ok.out).toContain("正式构建需要发布者名称");
  });
});

describe("the production build", () => {
  let web: string;
  beforeAll(() => {
    web = buildWeb("production", TEST_PUBLIC_URL, TEST_PROVIDER);
  }, 300_000);

  test("no localhost in any file of the deployed folder", () => {
    const files = filesUnder(web);
    expect(files.length).toBeGreaterThan(10);
    const withLocalhost = files.filter((f) => readFileSync(path.join(web, f)).includes("localhost"));
    expect(withLocalhost).toEqual([]);
    // The check can fail: the development build's manifest has it.
    expect(readFileSync(path.join(buildWeb("development"), "manifest.xml"), "utf8")).toContain("https://localhost:3000/");
  });

  test("no source maps in the deployed folder: they are beside it, and the scripts do not point at them", () => {
    const files = filesUnder(web);
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    const scripts = files.filter((f) => f.endsWith(".js"));
    for (const f of scripts) expect(readFileSync(path.join(web, f), "utf8")).not.toContain("sourceMappingURL");
    const maps = readdirSync(path.join(web, "..", "sourcemaps"));
    for (const f of scripts) expect(maps).toContain(`${f}.map`);
    // The development build keeps them next to the scripts.
    expect(readdirSync(buildWeb("development")).some((f) => f.endsWith(".js.map"))).toBe(true);
  });

  test("ProviderName is the publisher given, escaped, and the manifest validates", () => {
    const manifest = readFileSync(path.join(web, "manifest.xml"), "utf8");
    expect(manifest).toContain("<ProviderName>示例研究所党委 &amp; 信息中心</ProviderName>");
    expect(TEST_PROVIDER).toBe("示例研究所党委 & 信息中心");
    expect(manifest.match(/<ProviderName>/g)).toHaveLength(1);
    const r = spawnSync("xmllint", ["--noout", "--schema", SCHEMA, path.join(web, "manifest.xml")], { encoding: "utf8" });
    expect(r.stderr).toContain("validates");
    expect(r.status).toBe(0);
  });

  test("taskpane.html and commands.html load office.js from Microsoft's CDN by a plain <script> in <head>, before their own", () => {
    for (const page of ["taskpane.html", "commands.html"]) {
      const scripts = scriptsOf(readFileSync(path.join(web, page), "utf8"));
      expect({ page, first: scripts[0] }).toEqual({ page, first: { src: CDN_OFFICE_JS, inHead: true, async: false, defer: false } });
      expect(scripts.filter((s) => s.src?.includes("office"))).toHaveLength(1);
      const own = scripts.slice(1);
      expect(own.length).toBeGreaterThan(0);
      for (const s of own) expect(s.src).toMatch(/^[a-z]+\.[0-9a-f]{8}\.js$/);
    }
  });

  test("index.html never loads office.js and references nothing outside its own folder", () => {
    const html = readFileSync(path.join(web, "index.html"), "utf8");
    expect(html).not.toContain("office");
    expect(html).not.toMatch(/https?:\/\//);
    const scripts = scriptsOf(html);
    expect(scripts.map((s) => s.src)).toEqual([expect.stringMatching(/^browser\.[0-9a-f]{8}\.js$/)]);
    // Its script is file mode only: it carries no office.js address to load later.
    const own = readFileSync(path.join(web, scripts[0]?.src ?? ""), "utf8");
    expect(own).not.toContain("appsforoffice");
  });
});

// End-to-end tests of the built study site in Debian's headless Chromium, over file://.
// Usage: node e2e.mjs SITE_DIR ARTIFACTS_DIR   (run.sh builds the site and calls this)
import { chromium } from "playwright-core";
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { resolve, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const site = resolve(process.argv[2] ?? "site");
const artifacts = resolve(process.argv[3] ?? "artifacts");
mkdirSync(artifacts, { recursive: true });
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const url = (path) => pathToFileURL(join(site, path)).href;

let failures = 0;
let passed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failures += 1;
    console.log(`not ok - ${name}\n  ${String(err && err.stack || err).split("\n").join("\n  ")}`);
  }
}
function assert(condition, message) {
  if (!condition) { throw new Error(message); }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"],
});

async function newPage(width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  page.on("request", (r) => {
    if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) {
      errors.push(`network request: ${r.url()}`);
    }
  });
  return { page, errors, context };
}

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => await window.axe.run(document));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  writeFileSync(join(artifacts, `axe-${label}.json`), JSON.stringify(result.violations, null, 2));
  assert(bad.length === 0, `${label}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s)`).join("; ")}`);
}

for (const width of [1280, 390]) {
  const tag = width === 390 ? "phone" : "desktop";
  const { page, errors, context } = await newPage(width);

  await check(`${tag}: home → document → chapter → point → cited statute → back to the citing point`, async () => {
    await page.goto(url("index.html"));
    assert((await page.textContent("h1")).includes("Құқықтық мәтіндер"), "home heading");
    await page.screenshot({ path: join(artifacts, `${tag}-home.png`), fullPage: true });
    await page.click('a[href="instr-2017-104/index.html"]');
    assert(page.url().endsWith("instr-2017-104/index.html"), `document page: ${page.url()}`);
    assert((await page.textContent(".doccard")).includes("Күшін жойған"), "status on the card");
    await page.screenshot({ path: join(artifacts, `${tag}-document.png`), fullPage: true });
    await page.click('nav.contents a[href$="ch-1.html"]');
    assert(page.url().endsWith("instr-2017-104/ch-1.html"), `chapter page: ${page.url()}`);
    await page.goto(page.url() + "#ch-1/p-2/sp-6");
    const point = page.locator('[id="ch-1/p-2/sp-6"]');
    assert(await point.isVisible(), "the point is on its chapter page");
    assert((await point.textContent()).includes("қылмыстық жазаларды орындау"), "point text");
    await page.screenshot({ path: join(artifacts, `${tag}-point.png`) });
    await point.locator("a.cite").first().click();
    assert(/statutes\/K1400000226\/art-40\.html$/.test(page.url()), `statute page: ${page.url()}`);
    assert((await page.textContent("h1")).includes("40-бап"), "statute heading");
    await page.screenshot({ path: join(artifacts, `${tag}-statute.png`), fullPage: true });
    await page.click('a[href$="instr-2017-104/ch-1.html#ch-1/p-2/sp-6"]');
    assert(page.url().endsWith("#ch-1/p-2/sp-6"), `back at the citing point: ${page.url()}`);
    assert(await page.locator('[id="ch-1/p-2/sp-6"]').isVisible(), "citing point visible");
  });

  await check(`${tag}: a citation shows what it points to on keyboard focus`, async () => {
    await page.goto(url("instr-2017-104/ch-1.html"));
    await page.locator('[id="ch-1/p-2/sp-6"] a.cite').first().focus();
    const tip = page.locator('[role="tooltip"]');
    assert(await tip.isVisible(), "preview shown on focus");
    assert((await tip.textContent()).includes("40-бап"), "preview names the article");
  });

  await check(`${tag}: glossary opens from the navigation`, async () => {
    await page.goto(url("index.html"));
    await page.click('.site-nav a[href="glossary.html"]');
    assert((await page.textContent("h1")).includes("Глоссарий"), "glossary heading");
    const text = await page.textContent(".glossary");
    assert(text.includes("ҚАЖ") && text.includes("қылмыстық-атқару жүйесі"), "ҚАЖ is explained");
    await page.screenshot({ path: join(artifacts, `${tag}-glossary.png`) });
  });

  await check(`${tag}: a review question reveals where to read`, async () => {
    await page.goto(url("questions/index.html"));
    await page.locator("main a").first().click();
    assert(/questions\/tb-[a-z-]+\.html$/.test(page.url()), `a textbook's questions page, not ${page.url()}`);
    const first = page.locator("details").first();
    assert(!(await first.evaluate((d) => d.open)), "closed at first");
    await first.locator("summary").click();
    assert(await first.evaluate((d) => d.open), "open after a click");
    assert(await first.locator("a").first().isVisible(), "a link back to the topic");
    await page.screenshot({ path: join(artifacts, `${tag}-questions.png`) });
  });

  await check(`${tag}: pages fit the screen`, async () => {
    for (const path of ["index.html", "instr-2017-104/ch-2.html", "statutes/index.html", "tb-probation/cases/1/1.html"]) {
      await page.goto(url(path));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 1, `${path} overflows by ${overflow}px`);
    }
  });

  await check(`${tag}: nothing failed to load and no script error`, async () => {
    assert(errors.length === 0, errors.join("; "));
  });
  await context.close();
}


for (const width of [1280, 390]) {
  const tag = width === 390 ? "phone" : "desktop";
  await check(`${tag}: search box — type, see results, follow one to its node; fast; accessible`, async () => {
    const { page, errors, context } = await newPage(width);
    await page.goto(url("instr-2017-104/index.html"));
    const box = page.locator("#site-search-q");
    assert(await box.isVisible(), "the search box is shown");
    await box.focus();
    await box.fill("ҚРКЗ 26-бап");
    const first = page.locator(".search-results a").first();
    await first.waitFor({ state: "visible", timeout: 10000 });
    const status = await page.textContent(".search-status");
    assert(/нәтиже/.test(status), `status line: ${status}`);
    assert((await first.textContent()).includes("26"), `first hit: ${await first.textContent()}`);
    assert(await page.locator(".search-results mark").count() > 0, "matched words are marked");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `results overflow by ${overflow}px`);
    await page.screenshot({ path: join(artifacts, `${tag}-search.png`) });
    if (width === 1280) { await axe(page, "search-open"); }

    // Keyboard: ArrowDown to the first hit, Enter follows it to the node.
    await box.focus();
    await page.keyboard.press("ArrowDown");
    const href = await first.getAttribute("href");
    assert(await first.evaluate((a) => a === document.activeElement), "ArrowDown focuses the first hit");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => decodeURIComponent(u.href).endsWith(decodeURIComponent(href.replace(/^(\.\.\/)+/, ""))), { timeout: 10000 });
    const fragment = decodeURIComponent(new URL(page.url()).hash.slice(1));
    if (fragment) {
      assert(await page.locator(`[id="${fragment}"]`).isVisible(), `the node ${fragment} is on the page`);
    }
    assert((await page.textContent("main")).includes("26"), "landed on the article");

    // Bad queries: a message or nothing, never an error.
    await page.goto(url("index.html"));
    for (const [query, expect] of [["(a|b)+[ .* ^$", /Ештеңе табылмады|нәтиже|сөз жазыңыз/], ["?!.,;", /сөз жазыңыз/],
      ["а".repeat(10240), /тым ұзын/], ["\"ішкі істер", /нәтиже/], ["жжжжжжжжжжжж", /Ештеңе табылмады/]]) {
      await box.fill(query);
      await page.waitForFunction((re) => new RegExp(re).test(document.querySelector(".search-status").textContent),
        expect.source, { timeout: 10000 });
    }
    // Enter opens the results page, search.html?q=…, with more hits.
    await box.fill("прокурорлық қадағалау");
    await first.waitFor({ state: "visible", timeout: 10000 });
    await box.press("Enter");
    await page.waitForURL(/search\.html\?q=/, { timeout: 10000 });
    const pageHits = page.locator(".search-page-results a");
    await pageHits.first().waitFor({ state: "visible", timeout: 10000 });
    assert(await pageHits.count() > 10, `results page lists ${await pageHits.count()} hits`);
    assert((await page.inputValue("#search-page-q")) === "прокурорлық қадағалау", "the query is in the page's box");
    if (width === 1280) { await axe(page, "search-page"); }
    await page.screenshot({ path: join(artifacts, `${tag}-search-page.png`) });
    await page.goto(url("index.html"));

    // Escape clears the box and closes the results.
    await box.fill("қадағалау");
    await first.waitFor({ state: "visible", timeout: 10000 });
    await box.press("Escape");
    assert(await page.locator(".search-results").isHidden(), "Escape closes the results");

    if (width === 1280) {
      // Query time once the shards a query needs are loaded: a fresh client over the loaded files.
      const times = await page.evaluate(async (queries) => {
        const out = [];
        for (const q of queries) {
          await window.zanbookSearch.browserClient("").search(q, 10);
          const client = window.zanbookSearch.browserClient("");
          await client.ready();
          const t0 = performance.now();
          const result = await client.search(q, 10);
          out.push([q, performance.now() - t0, result.hits ? result.hits.length : result.error]);
        }
        return out;
      }, ["прокурорлық қадағалау", "ҚРКЗ 26-бап", "прокурорский надзор", "қадаға", "кадагалау ",
        "сотталғандардың құқықтары", "\"ішкі істер органдары\"", "пробация қызметінің есебінде тұрған адамдар"]);
      const worst = Math.max(...times.map((t) => t[1]));
      console.log(`# search query time after loading (ms): ${times.map((t) => `${t[0]}: ${t[1].toFixed(1)} (${t[2]})`).join("; ")}`);
      // The target (< 50 ms, issue #6) is reported from these printed numbers, not asserted:
      // a shared CI machine under load must not fail the suite on a timing. Only a query that
      // takes a second — a client that reloads or rescans the index — fails.
      assert(worst < 1000, `a query took ${worst.toFixed(1)} ms (target < 50 ms)`);
    }
    assert(errors.length === 0, errors.join("; "));
    await context.close();
  });
}

await check("print preview renders", async () => {
  const { page, context } = await newPage(1000);
  await page.goto(url("instr-2017-104/ch-2.html"));
  await page.emulateMedia({ media: "print" });
  assert(!(await page.locator(".site-header").isVisible()), "navigation hidden in print");
  await page.screenshot({ path: join(artifacts, "print-preview.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4" });
  writeFileSync(join(artifacts, "print.pdf"), pdf);
  assert(pdf.length > 10000, `PDF has ${pdf.length} bytes`);
  await context.close();
});

await check("the accessibility check can fail: axe finds a known violation", async () => {
  const { page, context } = await newPage(800);
  await page.setContent('<!DOCTYPE html><html><head><title>x</title></head><body><main><input type="text"></main></body></html>');
  let caught = false;
  try { await axe(page, "self-check"); } catch (e) { caught = true; }
  await context.close();
  assert(caught, "an unlabelled input must be reported");
});

await check("no serious or critical accessibility violations (axe-core)", async () => {
  const { page, context } = await newPage(1280);
  const pages = {
    home: "index.html",
    document: "instr-2017-104/index.html",
    point: "instr-2017-104/ch-1.html",
    statute: "statutes/K1400000226/art-40.html",
    glossary: "glossary.html",
  };
  const problems = [];
  for (const [label, path] of Object.entries(pages)) {
    await page.goto(url(path));
    try { await axe(page, label); } catch (e) { problems.push(e.message); }
  }
  await context.close();
  assert(problems.length === 0, problems.join("\n"));
});

await browser.close();
console.log(`browser: ${passed} passed, ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);

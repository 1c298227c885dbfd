// End-to-end test of the reading room in headless Chromium (Debian's), with axe-core.
//
// Expects a running server at CHANCERY_URL over an archive holding the fixtures imported by
// run.sh. Walks the main path a reader takes — search, filter by a facet, open a document,
// copy a citation — saves screenshots to SCREENSHOT_DIR, checks that pages never scroll
// sideways on a phone, that the content security policy is never violated, and runs axe-core
// on the main pages, failing on any serious or critical violation.
"use strict";

const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const BASE = process.env.CHANCERY_URL || "http://127.0.0.1:8080";
const OUT = process.env.SCREENSHOT_DIR || fs.mkdtempSync("/tmp/chancery-screens-");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SECRET = "zanzibarquokka";

let failures = 0;
let passes = 0;

function check(condition, message) {
  if (condition) {
    passes += 1;
    console.log("  ok   " + message);
  } else {
    failures += 1;
    console.log("  FAIL " + message);
  }
}

async function axeCheck(page, name) {
  // Evaluated through the debugging protocol, which the page's policy does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      resultTypes: ["violations"],
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of result) {
    console.log(`       axe ${name}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.join(", ")})`);
  }
  check(serious.length === 0, `axe: no serious or critical violation on ${name} (${result.length} minor)`);
}

async function noSideways(page, name) {
  const ok = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  check(ok, `no horizontal scrolling on ${name} at ${page.viewportSize().width}px`);
}

async function shot(page, name) {
  const file = path.join(OUT, name + ".png");
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

(async () => {
  console.log(`Chancery browser test against ${BASE}; screenshots in ${OUT}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  try {
    // Home.
    await page.goto(BASE + "/");
    check((await page.title()).length > 0, "the home page has a title");
    check((await page.locator("main h1").count()) === 1, "the home page has one h1");
    check(!(await page.content()).includes(SECRET), "the home page hides the staff-only document");
    await shot(page, "home");
    await axeCheck(page, "home");

    // Keyboard: the first Tab reaches the skip link, which moves focus to the main content.
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => document.activeElement && document.activeElement.className);
    check(skip === "skip-link", "the first Tab reaches the skip link");
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    check(focused === "main", "the skip link moves focus to the main content");

    // Search.
    await page.fill("#q", "Korea");
    await Promise.all([page.waitForURL(/\/search\?/), page.press("#q", "Enter")]);
    const hits = await page.locator(".hit").count();
    check(hits > 0, `searching for Korea finds documents (${hits})`);
    check((await page.locator(".hit mark").count()) > 0, "snippets highlight the query");
    check(!(await page.content()).includes(SECRET), "results hide the staff-only document");
    check((await page.locator("svg.histogram").count()) === 1, "the results have a year histogram");
    await shot(page, "results");
    await axeCheck(page, "results");

    // Filter by a facet.
    const facet = page.locator("#facet-type + ul .facet-entry").first();
    const facetLabel = (await facet.locator(".facet-label").textContent()).trim();
    await Promise.all([page.waitForURL(/type=/), facet.click()]);
    check((await page.locator(".chip").count()) >= 1, `the ${facetLabel} filter shows as a chip`);
    check((await page.locator(".facet-entry.active").count()) >= 1, "the facet entry is marked active");
    const filteredHits = await page.locator(".hit").count();
    check(filteredHits > 0 && filteredHits <= hits, `the filter narrows the results (${filteredHits})`);
    await shot(page, "results-filtered");

    // Open a document.
    const first = page.locator(".hit-title a").first();
    const title = (await first.textContent()).trim();
    await Promise.all([page.waitForURL(/\/documents\//), first.click()]);
    check((await page.locator("h1").textContent()).trim() === title, `the document page is "${title}"`);
    check((await page.locator('script[type="application/ld+json"]').count()) === 1, "the page carries JSON-LD");
    check((await page.locator('meta[name="citation_title"]').count()) === 1, "the page carries Highwire tags");

    // Copy a citation.
    const copy = page.locator(".copy-button").first();
    check((await copy.count()) === 1, "citations have copy buttons");
    const expected = await page.locator(".copy-slot").first().getAttribute("data-copy-text");
    await copy.click();
    await page.waitForSelector(".copy-status:has-text('Copied')", { timeout: 5000 });
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === expected && copied.length > 20,
      `the citation is on the clipboard: "${copied.slice(0, 80)}…"`);
    await shot(page, "document-from-search");

    // The structured document: footnotes both ways, page numbers, a table, lists.
    await page.goto(BASE + "/documents/0e6b1c5e-1d3a-4c59-9a55-3a0c2f3b7d11");
    check((await page.locator(".doc-text table").count()) === 1, "tables are real tables");
    check((await page.locator(".doc-text .pb").count()) === 2, "page breaks show as page numbers");
    check((await page.locator(".doc-text .gap").count()) === 1, "withheld text is marked");
    await page.click("#ref-1");
    check(await page.evaluate(() => location.hash === "#note-1"), "a note reference leads to its note");
    await page.click("#note-1 .note-back");
    check(await page.evaluate(() => location.hash === "#ref-1"), "a note leads back to its reference");
    await shot(page, "document");
    await axeCheck(page, "document");

    // History, timeline, collections.
    await page.click("text=Revision history");
    check(page.url().endsWith("/history"), "the document links to its history");
    await axeCheck(page, "history");
    await shot(page, "history");
    await page.goto(BASE + "/timeline");
    check((await page.locator(".decade").count()) > 0, "the timeline lists decades");
    await axeCheck(page, "timeline");
    await page.click(".years a >> nth=0");
    check(/\/timeline\/\d+$/.test(page.url()), "a year leads to its months");
    await axeCheck(page, "timeline year");
    await page.goto(BASE + "/collections");
    check((await page.locator(".collection-list a").count()) > 0, "collections are listed");
    await axeCheck(page, "collections");
    await page.click(".collection-list a >> nth=0");
    check((await page.locator(".hit").count()) > 0, "a collection shows its documents");
    await axeCheck(page, "collection");
    await shot(page, "collection");
    await page.goto(BASE + "/people");
    await axeCheck(page, "people");
    const person = page.locator(".entity-list a").first();
    if ((await person.count()) > 0) {
      await Promise.all([page.waitForURL(/\/people\//), person.click()]);
      await axeCheck(page, "person");
    }
    // Error pages (their status shows in the console as a failed load, which is expected).
    const before = consoleErrors.length;
    await page.goto(BASE + "/search?q=date%3A%20AND%20x");
    await axeCheck(page, "malformed query");
    await shot(page, "malformed-query");
    await page.goto(BASE + "/no/such/page");
    await axeCheck(page, "not found");
    consoleErrors.splice(before).forEach((e) => {
      if (!/status of (400|404)/.test(e)) consoleErrors.push(e);
    });

    // An editor reviews the mentions of the CVCE record: confirm one, see it confirmed.
    await page.goto(BASE + "/login");
    await page.fill("#login-name", "edith");
    await page.fill("#login-password", "browser editor password 1");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("form.stacked-form button[type=submit]")]);
    await page.goto(BASE + "/search?q=" + encodeURIComponent('"aide-memoire" Gromyko'));
    await Promise.all([page.waitForURL(/\/documents\//), page.click(".hit-title a >> nth=0")]);
    await Promise.all([page.waitForURL(/\/mentions$/), page.click("text=Review mentions")]);
    const rows = await page.locator(".mentions-table tbody tr").count();
    check(rows > 0, `the review lists the record's mentions (${rows})`);
    await axeCheck(page, "mention review");
    await shot(page, "mention-review");
    const confirm = page.locator(".mentions-table button[value^='confirm:']").first();
    const value = await confirm.getAttribute("value");
    await Promise.all([page.waitForNavigation(), confirm.click()]);
    const row = page.locator("#m" + value.split(":")[1]);
    check((await row.textContent()).includes("confirmed"), "confirming a mention shows it confirmed");
    await Promise.all([page.waitForNavigation(), page.click("form[action='/logout'] button")]);

    // A phone.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [name, url] of [
      ["home", "/"],
      ["results", "/search?q=Korea"],
      ["document", "/documents/0e6b1c5e-1d3a-4c59-9a55-3a0c2f3b7d11"],
      ["timeline", "/timeline"],
      ["people", "/people"],
      ["history", "/documents/0e6b1c5e-1d3a-4c59-9a55-3a0c2f3b7d11/history"],
    ]) {
      await page.goto(BASE + url);
      await noSideways(page, name);
      await shot(page, "phone-" + name);
    }
    await page.goto(BASE + "/search?q=Korea");
    check((await page.locator("details.refine").getAttribute("open")) === null, "the facet sidebar is folded on a phone");

    // Print.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(BASE + "/documents/0e6b1c5e-1d3a-4c59-9a55-3a0c2f3b7d11");
    await page.emulateMedia({ media: "print" });
    check(!(await page.locator(".site-header").isVisible()), "printing leaves out the navigation");
    check(await page.locator(".footnotes").isVisible(), "printing keeps the footnotes");
    await shot(page, "document-print");
    await page.emulateMedia({ media: "screen" });

    check(consoleErrors.length === 0, `no console errors or policy violations (${consoleErrors.join(" | ")})`);
  } catch (e) {
    failures += 1;
    console.log("  FAIL " + (e && e.stack ? e.stack : e));
    try {
      await shot(page, "failure");
    } catch (_) {
      // The page may be gone.
    }
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${OUT}`);
  console.log(`${passes} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
})();

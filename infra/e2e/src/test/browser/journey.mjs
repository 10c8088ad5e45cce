// The buyer's journey through the storefront in a real browser: search -> listing -> quote ->
// order -> order status, with a screenshot of each step. Playwright drives the system's chromium
// (never a downloaded one). Run by WebClientEndToEndTest:
//
//   node journey.mjs <storefront URL> <screenshot dir>
//
// Prints one JSON line {"orderId", "vin", ...} on success; exits 1 on any failure, a page error,
// a failed request (a CORS refusal shows up as one) or an error answer the journey did not expect.
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [storeUrl, outDir] = process.argv.slice(2);
if (!storeUrl || !outDir) {
  console.error("usage: node journey.mjs <storefront URL> <screenshot dir>");
  process.exit(2);
}
const STEP_TIMEOUT = 60_000;
const buyer = { name: "Ann Buyer", email: "ann@example.com", phone: "+1 312 555 0147", zip: "60601" };

mkdirSync(outDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "autocentric-chromium-"));
// this machine's network is closed: without these flags chromium waits on connections it cannot make
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
page.setDefaultTimeout(STEP_TIMEOUT);

const problems = [];
const exchanges = [];
const pending = [];
page.on("pageerror", e => problems.push("page error: " + e.message));
page.on("console", m => { if (m.type() === "error") problems.push("console error: " + m.text()); });
page.on("requestfailed", r => problems.push("request failed: " + r.method() + " " + r.url() + " " + (r.failure()?.errorText || "")));
// every API answer the page got, for the Java side to check against openapi.yaml
page.on("response", response => {
  const request = response.request();
  const url = new URL(response.url());
  if (!url.pathname.startsWith("/v1/") || request.method() === "OPTIONS") return;
  pending.push((async () => {
    let body = "";
    try { body = await response.text(); } catch { /* no body (204) */ }
    exchanges.push({ method: request.method(), path: url.pathname, query: url.search, status: response.status(),
      headers: await response.allHeaders(), requestBody: request.postData() || null, body });
  })());
});

let step = 0;
const shot = async name => {
  const file = join(outDir, String(++step).padStart(2, "0") + "-" + name + ".png");
  await page.screenshot({ path: file, fullPage: true });
  return file;
};
const expect = (condition, message) => { if (!condition) throw new Error(message); };

let result;
try {
  // 1. search: Malibus anywhere, cheapest first, with distances from the buyer's ZIP
  await page.goto(storeUrl);
  const form = page.getByTestId("search-form");
  await form.locator("[name=make]").fill("Chevrolet");
  await form.locator("[name=model]").fill("Malibu");
  await form.locator("[name=zip]").fill(buyer.zip);
  await form.locator("[name=sort]").selectOption("price");
  await page.getByTestId("search-button").click();
  const results = page.getByTestId("result");
  await results.first().waitFor();
  const count = await results.count();
  expect(count >= 3, "expected at least 3 Malibus, saw " + count);
  const first = results.first();
  const firstText = await first.innerText();
  expect(/\$[0-9,]+\.[0-9]{2}/.test(firstText), "a result shows its price: " + firstText);
  expect(/mi away/.test(await first.getByTestId("result-dealer").innerText()), "a result shows its distance");
  expect(await first.getByTestId("deal-rating").count() === 1, "a result shows its deal rating");
  await shot("search-results");
  const vin = await first.getAttribute("data-vin");

  // 2. the listing and its delivered price for the buyer's ZIP
  await first.click();
  await page.getByTestId("listing-title").waitFor();
  await page.getByTestId("quote-total").waitFor();
  const lines = await page.getByTestId("quote-lines").locator("tr").count();
  expect(lines >= 4, "the quote shows its lines and total, saw " + lines + " rows");
  const quoted = (await page.getByTestId("quote-total").innerText()).trim();
  const deliveryDealer = await page.getByTestId("delivery-dealer").innerText();
  await shot("listing-and-quote");

  // 3. order it
  await page.getByTestId("buyer-name").fill(buyer.name);
  await page.getByTestId("buyer-email").fill(buyer.email);
  await page.getByTestId("buyer-phone").fill(buyer.phone);
  await shot("order-form");
  await page.getByTestId("order-button").click();

  // 4. the order's status page, read with the order's access token
  const status = page.getByTestId("order-status");
  await status.waitFor();
  expect(await status.getAttribute("data-status") === "PLACED", "the new order is PLACED");
  const total = (await page.getByTestId("order-total").innerText()).trim();
  expect(total === quoted, "the order is at the quoted price: " + total + " vs " + quoted);
  const orderId = new URL(page.url()).hash.replace("#/order/", "");
  await shot("order-status");

  await Promise.all(pending);
  expect(problems.length === 0, problems.join("\n"));
  result = { orderId, vin, quoted, deliveryDealer, results: count, screenshots: step };
} catch (e) {
  await shot("failure").catch(() => {});
  problems.push(e.stack || String(e));
} finally {
  await Promise.all(pending).catch(() => {});
  writeFileSync(join(outDir, "exchanges.json"), JSON.stringify(exchanges, null, 1));
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
if (!result || problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(JSON.stringify(result));

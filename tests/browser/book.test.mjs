// The built book in a real browser (headless Chromium, driven by playwright-core).
//
// Run by .ci/browser, three times: against the book served by `cargo run -p book`
// (BOOK_URL=http://127.0.0.1:PORT/), against a static build opened from the file
// system (BOOK_URL=file:///…/book/), and against the same static build served
// from a sub-folder by a plain static file server, as a host such as GitHub Pages
// serves it (BOOK_URL=http://127.0.0.1:PORT/nn-book/: any http:// address with a
// path is taken for that; the build needs MDBOOK_OUTPUT__HTML__SITE_URL=/nn-book/
// for its 404 page). Not part of `cargo test`: learners never need Chromium.
//
// Environment:
//   BOOK_URL              where the built book is (required)
//   BOOK_REPO             the repository whose book/src was built (default: ../.. from here)
//   CHROMIUM              the browser (default /usr/bin/chromium; never downloaded)
//   SCREENSHOTS           where to save two screenshots per page, NAME-light.png and NAME-dark.png, and
//                         the figures' (default BOOK_REPO/target/browser-screenshots/served for the book
//                         server; the other passes save none unless it is set: they show the same pages)
//   LIVE_RELOAD           "1" to run the live-reload test (default: on for the book server only)
//   LIVE_RELOAD_TARGET_DIR  CARGO_TARGET_DIR for the copy served by the live-reload test
//                         (default: $CARGO_TARGET_DIR, else BOOK_REPO/target, to reuse the build)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(process.env.BOOK_REPO ?? path.join(HERE, '..', '..'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

if (!process.env.BOOK_URL) {
  throw new Error(
    'set BOOK_URL to the built book: http://127.0.0.1:PORT/ (cargo run -p book -- --port PORT) ' +
      'or file:///path/to/book/ (cargo run -p book -- build --dest /path/to/book); .ci/browser does both',
  );
}
const BASE = new URL(process.env.BOOK_URL.endsWith('/') ? process.env.BOOK_URL : `${process.env.BOOK_URL}/`);
/** 'served' (the book server, at the host's root), 'file' or 'sub-path' (a static server, below BASE's path). */
const MODE = BASE.protocol === 'file:' ? 'file' : BASE.pathname === '/' ? 'served' : 'sub-path';
if (!['file:', 'http:'].includes(BASE.protocol)) {
  throw new Error(`BOOK_URL must be http:// or file://, not ${BASE.href}`);
}
const SCREENSHOTS = path.resolve(
  process.env.SCREENSHOTS ?? path.join(REPO, 'target', 'browser-screenshots', MODE),
);
const LIVE_RELOAD = (process.env.LIVE_RELOAD ?? (MODE === 'served' ? '1' : '0')) === '1';
/** Screenshots are saved by the served pass, or wherever SCREENSHOTS asks for them. */
const SAVE_SCREENSHOTS = MODE === 'served' || process.env.SCREENSHOTS !== undefined;
/**
 * The sub-path pass serves the very build that the file:// pass has just
 * checked in every detail, so it checks only what depends on where a book is
 * served from: every page and everything it loads, the links and anchors,
 * search, and the 404 page. What is drawn, and how the figures and the
 * exercise switch behave, is the same HTML and the same scripts.
 */
const SAME_BUILD_AS_FILE = MODE === 'sub-path';
const sameBuild = SAME_BUILD_AS_FILE && 'the same build as the file:// pass, which checks it';

// The flags that work for Debian's Chromium here: without the background-networking
// ones Chromium tries to reach Google's hosts at every start. Playwright adds
// --headless and a fresh temporary --user-data-dir itself.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------
// The pages: every page that SUMMARY.md lists.

function summaryPages() {
  const summary = fs.readFileSync(path.join(REPO, 'book', 'src', 'SUMMARY.md'), 'utf8');
  const pages = [];
  for (const match of summary.matchAll(/\]\(([^)\s]+\.md)\)/g)) {
    const md = match[1];
    if (!pages.some((page) => page.md === md)) {
      pages.push({ md, html: md.replace(/\.md$/, '.html') });
    }
  }
  assert.ok(pages.length > 0, 'SUMMARY.md lists no page');
  return pages;
}

/** Does a markdown page have `$…$` or `$$…$$` formulas outside code? */
function markdownHasFormulas(markdown) {
  const prose = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '') // fenced code
    .replace(/`+[^`\n]*`+/g, '') // inline code
    .replace(/\\\$/g, ''); // escaped dollars
  return /\$\$[\s\S]+?\$\$/.test(prose) || /\$[^$\s][^$\n]*\$/.test(prose);
}

const PAGES = summaryPages();

// ---------------------------------------------------------------------------
// The browser, and what every page load records.

let browser;
const started = Date.now();
/** Page URL (no fragment) → the ids on it, for anchor checks. */
const idsByPage = new Map();
/** Every internal link seen: { from, href }. */
const internalLinks = [];
/** Every link to outside the book, reported but not followed (no network here). */
const externalLinks = new Set();
let requestCount = 0;

before(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (never download a browser)`);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  if (SAVE_SCREENSHOTS) fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `# ${MODE} book at ${BASE.href}: ${PAGES.length} pages, ${internalLinks.length} internal links, ` +
      `${requestCount} requests recorded, ${externalLinks.size} external links (not followed), ${seconds} s`,
  );
  for (const link of [...externalLinks].sort()) console.log(`#   external link, not followed: ${link}`);
});

/**
 * Is `url` local for this run: file:// for a static build, else the book's own
 * host, and below the book's folder when it is served from a sub-folder (a
 * request outside it would go to another site on a real host).
 */
function isLocalRequest(url, origin = BASE.origin) {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.href === 'about:blank') {
    return true; // no request leaves the page
  }
  if (MODE === 'file') {
    return u.protocol === 'file:';
  }
  return origin === BASE.origin ? isInsideBook(url) : u.origin === origin;
}

/** Is `url` a place inside the built book? */
function isInsideBook(url) {
  const u = new URL(url);
  if (MODE === 'file') {
    return u.protocol === 'file:' && u.pathname.startsWith(BASE.pathname);
  }
  return u.origin === BASE.origin && u.pathname.startsWith(BASE.pathname);
}

/**
 * A fresh browser context whose every request, console error, page error and
 * failed load is recorded in `problems` (and every request in `requests`).
 * `origin`: the one host pages may ask (over http), the book's by default.
 */
async function recordedContext(origin = BASE.origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const log = { problems: [], requests: [] };
  context.on('request', (request) => {
    requestCount += 1;
    log.requests.push(request.url());
    if (!isLocalRequest(request.url(), origin)) {
      const where = MODE === 'sub-path' ? `, or outside the book's folder ${BASE.pathname}` : '';
      log.problems.push(`request to a host that is not the local one${where}: ${request.url()}`);
    }
  });
  context.on('requestfailed', (request) => {
    // A page that reloads itself (live reload) aborts its own polling request.
    if (!request.url().endsWith('/__livereload')) {
      log.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
    }
  });
  context.on('response', (response) => {
    if (response.status() >= 400) {
      log.problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  context.on('page', (page) => watchPage(page, log));
  return { context, log };
}

function watchPage(page, log) {
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location()?.url ? ` (${message.location().url}:${message.location().lineNumber})` : '';
      log.problems.push(`console error: ${message.text()}${where}`);
    }
  });
  page.on('pageerror', (error) => log.problems.push(`uncaught exception: ${error.message}`));
}

async function settle(page) {
  await page.waitForLoadState('load');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

function pageUrl(html) {
  return new URL(html, BASE).href;
}

/** Save a screenshot of a page or an element as SCREENSHOTS/NAME, when this pass saves them. */
async function screenshot(target, name, options = {}) {
  if (SAVE_SCREENSHOTS) await target.screenshot({ path: path.join(SCREENSHOTS, name), ...options });
}

function withoutFragment(url) {
  const u = new URL(url);
  u.hash = '';
  u.search = '';
  return u.href;
}

/** The served book's build number (what /__livereload answers), or null for a static build. */
async function buildNumber() {
  if (MODE !== 'served') return null;
  try {
    const response = await fetch(new URL('__livereload', BASE), { cache: 'no-store' });
    return response.ok ? (await response.text()).trim() : null;
  } catch {
    return null;
  }
}

/**
 * Run `attempt`, and run it again (up to three times in all) when the served
 * book was rebuilt meanwhile: someone edited the sources, so the open pages
 * reloaded themselves in the middle of the checks. Never happens on a static
 * build, nor in CI where nobody edits the book while the test runs.
 */
async function unlessRebuilt(t, attempt) {
  for (let tries = 1; ; tries += 1) {
    const before = await buildNumber();
    let result;
    let failure;
    try {
      result = await attempt();
    } catch (error) {
      failure = error;
    }
    const after = await buildNumber();
    if (before === after || tries === 3) {
      if (failure) throw failure;
      return result;
    }
    t.diagnostic(`the book was rebuilt during the check (build ${before} → ${after}): checking again`);
  }
}

// ---------------------------------------------------------------------------
// Every page: loads cleanly; formulas, listings and pictures; links recorded.

/** Load one page in a fresh context and gather what the checks need; saves its screenshots, light and dark. */
async function inspect(html) {
  const { context, log } = await recordedContext();
  try {
    const page = await context.newPage();
    const url = pageUrl(html);
    const response = await page.goto(url, { waitUntil: 'load' });
    if (MODE !== 'file' && response?.status() !== 200) {
      log.problems.push(`${url} answered HTTP ${response?.status()}`);
    }
    await settle(page);

    // Pictures: scroll each into view (in case it is lazy) and wait for it to decode.
    const images = await page.evaluate(async () => {
      const found = [];
      for (const img of document.querySelectorAll('img')) {
        img.scrollIntoView();
        try {
          await img.decode();
        } catch {
          // reported below through naturalWidth
        }
        found.push({ src: img.currentSrc || img.src, width: img.naturalWidth, complete: img.complete });
      }
      window.scrollTo(0, 0);
      return found;
    });
    // Other embedded pictures: <object>/<embed>/<image> (SVG in SVG), inline <svg> drawn with a size.
    const embedded = await page.evaluate(() => {
      const found = [];
      for (const element of document.querySelectorAll('object[data], embed[src]')) {
        const box = element.getBoundingClientRect();
        found.push({ src: element.data || element.src, width: box.width });
      }
      return found;
    });

    const math = await page.evaluate(() => {
      const firebrick = 'rgb(178, 34, 34)'; // pulldown-latex's error colour
      const red = 'rgb(255, 0, 0)';
      const elements = [...document.querySelectorAll('math')];
      const errors = [];
      for (const [index, element] of elements.entries()) {
        for (const node of [element, ...element.querySelectorAll('*')]) {
          const style = getComputedStyle(node);
          const coloured = [style.color, style.borderTopColor, style.borderBottomColor].some(
            (colour) => colour === firebrick || colour === red,
          );
          if (node.localName === 'merror' || coloured || node.hasAttribute('mathcolor')) {
            errors.push(`formula ${index + 1} (${node.localName}): ${element.textContent.slice(0, 80)}`);
            break;
          }
        }
      }
      const unsized = elements.filter((element) => {
        const box = element.getBoundingClientRect();
        // Only formulas that are shown: one in a closed <details> has no box, rightly.
        return element.checkVisibility() && !(box.width > 0 && box.height > 0);
      }).length;
      // A formula left as text: `$…$` in the prose of the page (code and math aside).
      const leftovers = [];
      const main = document.querySelector('main') ?? document.body;
      const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
        acceptNode: (text) =>
          text.parentElement.closest('pre, code, math, script, style')
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      });
      let text = '';
      while (walker.nextNode()) text += walker.currentNode.textContent;
      for (const match of text.matchAll(/\$\$?[^$\s][^$]{0,60}\$/g)) leftovers.push(match[0]);
      return {
        count: elements.length,
        display: document.querySelectorAll('math[display="block"]').length,
        errors,
        unsized,
        leftovers,
      };
    });

    const listings = await page.evaluate(() =>
      [...document.querySelectorAll('pre code')].map((code, index) => ({
        index,
        empty: code.textContent.trim() === '',
        first: code.textContent.trim().split('\n')[0].slice(0, 60),
      })),
    );

    // Every id on the page (for anchors), and every link.
    const ids = await page.evaluate(() => [
      ...[...document.querySelectorAll('[id]')].map((element) => element.id),
      ...[...document.querySelectorAll('a[name]')].map((element) => element.getAttribute('name')),
    ]);
    const hrefs = await page.evaluate(() =>
      [...document.querySelectorAll('a[href]')].map((a) => ({ raw: a.getAttribute('href'), href: a.href })),
    );

    if (SAME_BUILD_AS_FILE) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // late console messages
      return { url: page.url(), log, images, embedded, math, listings, ids, hrefs, reading: null, dark: null };
    }
    const reading = await readability(page);

    // One screenshot in the light theme and one in the dark (what a reader whose
    // system prefers dark gets: mdBook's preferred dark theme).
    const name = html.replace(/\.html$/, '').replaceAll('/', '_');
    await screenshot(page, `${name}-light.png`, { fullPage: true });
    // In a page of its own, dark from the start: switched on this one, mdBook
    // would follow at once and fetch the dark stylesheets, which a reload aborts.
    const darkPage = await context.newPage();
    await darkPage.emulateMedia({ colorScheme: 'dark' });
    await darkPage.goto(url, { waitUntil: 'load' });
    await settle(darkPage);
    const dark = await darkPage.evaluate(() => document.documentElement.className);
    await screenshot(darkPage, `${name}-dark.png`, { fullPage: true });
    await new Promise((resolve) => setTimeout(resolve, 200)); // late console messages
    return { url: page.url(), log, images, embedded, math, listings, ids, hrefs, reading, dark };
  } finally {
    await context.close();
  }
}

/**
 * What decides whether a page can be read at 1280 px: the size of the
 * smallest letter of its inline formulas against the text around them, the
 * listings and output wider than their box (hints and solutions opened), the
 * file names above listings, and where a jump to a heading or a figure puts
 * it against the sticky menu bar.
 */
async function readability(page) {
  const measured = await page.evaluate(() => {
    let smallest = null;
    for (const formula of document.querySelectorAll('main math:not([display="block"])')) {
      if (!formula.checkVisibility()) continue;
      const host =
        formula.parentElement.closest('p, li, td, th, dt, dd, summary, blockquote, figcaption, h1, h2, h3, h4, h5, h6') ??
        formula.parentElement;
      const text = parseFloat(getComputedStyle(host).fontSize);
      for (const token of formula.querySelectorAll('mi, mn, mo, mtext, ms')) {
        if (token.textContent.trim() === '') continue;
        const ratio = parseFloat(getComputedStyle(token).fontSize) / text;
        if (!smallest || ratio < smallest.ratio) {
          smallest = { ratio, letter: token.textContent.trim(), formula: formula.textContent.trim().slice(0, 60) };
        }
      }
    }

    const closed = [...document.querySelectorAll('main details:not([open])')];
    for (const details of closed) details.open = true;
    const tooWide = [...document.querySelectorAll('main pre, main pre > code')]
      .filter((element) => element.checkVisibility() && element.scrollWidth > element.clientWidth)
      .map(
        (element) =>
          `<${element.localName}> ${element.scrollWidth} px of content in ${element.clientWidth} px: ` +
          element.textContent.trim().split('\n')[0].slice(0, 70),
      );
    const content = document.getElementById('mdbook-content') ?? document.scrollingElement;
    const pageWidth = {
      content: [content.scrollWidth, content.clientWidth],
      document: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
    };
    for (const details of closed) details.open = false;

    const fileLabels = [...document.querySelectorAll('main .listing')].map((listing) => ({
      label: listing.querySelector(':scope > .listing-file')?.textContent.trim() ?? null,
      code: listing.querySelector('pre code') !== null,
    }));
    const headings = [...document.querySelectorAll('main :is(h2, h3)[id]')].map((heading) => heading.id);
    const figures = [...document.querySelectorAll('main figure')]
      .map((figure) => figure.id || figure.querySelector('[id]')?.id)
      .filter(Boolean);
    // The first and last section and every figure: enough to see the offset, few enough to be quick.
    const targets = [...new Set([headings[0], headings.at(-1), ...figures].filter(Boolean))];
    return { smallest, tooWide, pageWidth, fileLabels, targets };
  });

  const jumps = [];
  for (const id of measured.targets) {
    await page.evaluate((target) => {
      window.scrollTo(0, 0);
      window.location.hash = target;
    }, id);
    // Let the scroll (and mdBook's menu bar, which follows it) settle.
    await page.waitForFunction(
      () =>
        new Promise((resolve) => {
          const y = window.scrollY;
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.scrollY === y)));
        }),
      undefined,
      { timeout: 5_000 },
    );
    jumps.push(
      await page.evaluate((target) => {
        const bar = document.getElementById('mdbook-menu-bar')?.getBoundingClientRect();
        const box = document.getElementById(target).getBoundingClientRect();
        return { id: target, top: box.top, barBottom: bar ? bar.bottom : 0 };
      }, id),
    );
  }
  await page.evaluate(() => {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    window.scrollTo(0, 0);
  });
  return { ...measured, jumps };
}

/**
 * The file name that each fenced listing of a markdown page which includes a
 * file should show above it (book/builder/listings.rs), in page order:
 * "Filename: chapters/…/x.rs", as a path from the repository.
 */
function expectedFileLabels(markdown, md) {
  const dir = path.dirname(path.join(REPO, 'book', 'src', md));
  const labels = [];
  for (const block of markdown.matchAll(/^( *)(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^ *\2[ \t]*$/gm)) {
    const files = [];
    for (const include of block[3].matchAll(/(?<!\\)\{\{#(?:rustdoc_)?include\s+([^:}\s]+)/g)) {
      const file = path.relative(REPO, path.resolve(dir, include[1])).split(path.sep).join('/');
      if (!files.includes(file)) files.push(file);
    }
    if (files.length > 0) labels.push(`${files.length === 1 ? 'Filename' : 'Filenames'}: ${files.join(', ')}`);
  }
  return labels;
}

for (const { md, html } of PAGES) {
  test(`${MODE}: ${html}`, { timeout: 300_000 }, async (t) => {
    const { url, log, images, embedded, math, listings, ids, hrefs, reading, dark } = await unlessRebuilt(t, () =>
      inspect(html),
    );
    idsByPage.set(withoutFragment(url), new Set(ids));
    for (const { raw, href } of hrefs) {
      if (!/^(https?|file):/.test(href)) continue; // mailto:, javascript:
      if (isInsideBook(href)) internalLinks.push({ from: html, raw, href });
      else externalLinks.add(href);
    }
    t.diagnostic(
      `${math.count} formulas (${math.display} display), ${listings.length} listings, ` +
        `${images.length} images, ${hrefs.length} links, ${log.requests.length} requests`,
    );

    await t.test('loads with no console error and no request but to the local host', () => {
      assert.deepEqual(log.problems, []);
      if (MODE === 'file') {
        const notFile = log.requests.filter((request) => !/^(file|data|blob):/.test(request));
        assert.deepEqual(notFile, [], 'a file:// page requested something that is not file://');
      }
    });

    await t.test('formulas are MathML, with no parse error', () => {
      const markdown = fs.readFileSync(path.join(REPO, 'book', 'src', md), 'utf8');
      const problems = [
        ...(markdownHasFormulas(markdown) && math.count === 0
          ? [`${md} has $ formulas but the page has no <math> element`]
          : []),
        ...math.errors.map((error) => `rendered as an error: ${error}`),
        ...(math.unsized > 0 ? [`${math.unsized} shown formulas that the browser drew with no size`] : []),
        ...math.leftovers.map((text) => `left as text, not MathML: ${text}`),
      ];
      assert.deepEqual(problems, []);
    });

    await t.test('every code listing is non-empty', () => {
      const empty = listings.filter((listing) => listing.empty).map((listing) => `pre code #${listing.index + 1}`);
      assert.deepEqual(empty, []);
    });

    await t.test('no letter of an inline formula is smaller than 70 % of the text', { skip: sameBuild }, (t) => {
      const { smallest } = reading;
      if (!smallest) {
        t.diagnostic('no inline formula');
        return;
      }
      t.diagnostic(
        `smallest letter of an inline formula: ${(smallest.ratio * 100).toFixed(0)} % of the text ` +
          `("${smallest.letter}" in ${smallest.formula})`,
      );
      assert.ok(
        smallest.ratio >= 0.7,
        `"${smallest.letter}" in the formula ${smallest.formula} is drawn at ${(smallest.ratio * 100).toFixed(0)} % ` +
          'of the text around it (book/theme/reading.css sets the sizes)',
      );
    });

    await t.test('every listing and output fits at 1280 px, with no horizontal scroll', { skip: sameBuild }, () => {
      assert.deepEqual(reading.tooWide, [], 'listings or output that scroll sideways');
      const [contentScroll, contentWidth] = reading.pageWidth.content;
      const [documentScroll, documentWidth] = reading.pageWidth.document;
      assert.ok(contentScroll <= contentWidth, `the page content is ${contentScroll} px wide in ${contentWidth} px`);
      assert.ok(documentScroll <= documentWidth, `the page is ${documentScroll} px wide in ${documentWidth} px`);
    });

    await t.test('every included listing names its file above it', { skip: sameBuild }, () => {
      const markdown = fs.readFileSync(path.join(REPO, 'book', 'src', md), 'utf8');
      assert.deepEqual(
        reading.fileLabels.filter((listing) => !listing.code),
        [],
        'a file name with no listing under it',
      );
      assert.deepEqual(
        reading.fileLabels.map((listing) => listing.label),
        expectedFileLabels(markdown, md),
      );
      for (const listing of reading.fileLabels) {
        for (const file of listing.label.replace(/^Filenames?: /, '').split(', ')) {
          assert.ok(fs.existsSync(path.join(REPO, file)), `${listing.label}: no such file in the repository`);
        }
      }
    });

    await t.test('a jump to a heading or a figure is not under the menu bar', { skip: sameBuild }, () => {
      const covered = reading.jumps
        .filter((jump) => jump.top < jump.barBottom - 1)
        .map((jump) => `#${jump.id}: its top is at ${jump.top.toFixed(0)} px, under the menu bar (to ${jump.barBottom.toFixed(0)} px)`);
      assert.deepEqual(covered, []);
    });

    await t.test('the dark screenshot is in a dark theme', { skip: sameBuild }, () => {
      assert.match(dark, /\b(navy|coal|ayu)\b/, `the page's classes after asking for a dark scheme: ${dark}`);
    });

    await t.test('every figure with an axis or a colour bar titles it', async () => {
      // The plots crate marks each text on an axis with a class (x-tick,
      // x-title, ...): an axis with tick labels needs a title beside them.
      const untitled = [];
      for (const image of images.filter((found) => /\.svg$/i.test(new URL(found.src).pathname))) {
        const svg = await svgText(image.src);
        for (const [axis, name] of [['x', 'horizontal axis'], ['y', 'vertical axis'], ['colorbar', 'colour bar']]) {
          const texts = (kind) =>
            [...svg.matchAll(new RegExp(`<text[^>]*class="${axis}-${kind}"[^>]*>([^<]*)</text>`, 'g'))].map(
              (match) => match[1].trim(),
            );
          if (texts('tick').length > 0 && !texts('title').some((title) => title !== '')) {
            untitled.push(`${image.src}: its ${name} has tick labels but no title`);
          }
        }
      }
      assert.deepEqual(untitled, []);
    });

    await t.test('every image and SVG loads', () => {
      const broken = [
        ...images.filter((image) => !(image.complete && image.width > 0)).map((image) => image.src),
        ...embedded.filter((element) => !(element.width > 0)).map((element) => element.src),
      ];
      assert.deepEqual(broken, []);
    });
  });
}

/** The text of an SVG the page shows: read from disk for a file:// book, fetched otherwise. */
async function svgText(src) {
  const url = new URL(src);
  if (url.protocol === 'file:') return fs.promises.readFile(fileURLToPath(url), 'utf8');
  const response = await fetch(url);
  assert.ok(response.ok, `${src} answered HTTP ${response.status}`);
  return response.text();
}

// ---------------------------------------------------------------------------
// Search.

test(`${MODE}: search for "gradient" finds real pages`, { timeout: 300_000 }, async (t) => {
  await unlessRebuilt(t, async () => {
    const { context, log } = await recordedContext();
    try {
      const page = await context.newPage();

      // The search icon opens the search box…
      await page.goto(pageUrl(PAGES[0].html));
      await settle(page);
      // Opening the box starts loading the search index; wait until it is
      // loaded (the script's tag is there and the box no longer says it is
      // searching), or the next navigation aborts that request.
      await page.click('#mdbook-search-toggle');
      await page.waitForSelector('#mdbook-searchbar', { state: 'visible', timeout: 10_000 });
      await page.waitForFunction(
        () =>
          document.getElementById('mdbook-search-index') !== null &&
          !document.getElementById('mdbook-searchbar-outer')?.classList.contains('searching'),
        undefined,
        { timeout: 20_000 },
      );

      // …and so does the "s" key, on a fresh page.
      await page.goto(pageUrl(PAGES[PAGES.length - 1].html));
      await settle(page);
      await page.evaluate(() => document.activeElement?.blur()); // the key goes to the page, not a field
      await page.keyboard.press('s');
      await page.waitForSelector('#mdbook-searchbar', { state: 'visible', timeout: 10_000 });
      await page.keyboard.type('gradient', { delay: 20 });
      await page.waitForSelector('#mdbook-searchresults li a', { timeout: 20_000 });
      const header = await page.textContent('#mdbook-searchresults-header');
      const results = await page.$$eval('#mdbook-searchresults li a', (links) =>
        links.map((a) => ({ href: a.href, text: a.textContent.trim().slice(0, 80) })),
      );
      t.diagnostic(`${results.length} results (${header?.trim()})`);
      assert.ok(results.length > 0, 'no search results for "gradient"');

      // Every result points at a page of the book that exists, and at an anchor that is on it.
      const missing = [];
      for (const result of results) {
        const problem = await checkTarget(context, result.href);
        if (problem) missing.push(`${result.text}: ${problem}`);
      }
      assert.deepEqual(missing, [], 'search results that lead nowhere');

      // Follow one result: the page loads, with the word highlighted.
      const first = results[0];
      await Promise.all([page.waitForEvent('load'), page.click('#mdbook-searchresults li a >> nth=0')]);
      await settle(page);
      assert.equal(withoutFragment(page.url()), withoutFragment(first.href));
      const heading = await page.textContent('main h1, main h2');
      assert.ok(heading?.trim(), 'the followed result has no heading');
      const marks = await page.$$eval('main mark', (found) => found.map((mark) => mark.textContent.toLowerCase()));
      assert.ok(
        marks.some((mark) => mark.includes('gradient')),
        `the followed result (${first.href}) does not highlight "gradient"`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(log.problems, []);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------
// "I'm doing the exercises": the switch folds the listings of the functions an
// exercise asks for (marked by the builder from chapters/*/exercise/info.toml),
// on every page and after a reload, and unfolds them when turned off.

/** What the page's marked listings look like: folded or not, and whether their code shows. */
async function exerciseListings(page) {
  return page.$$eval('.exercise-listing', (listings) =>
    listings.map((listing) => {
      const details = listing.querySelector(':scope > details.exercise-fold');
      const code = listing.querySelector('pre');
      return {
        functions: listing.getAttribute('data-exercise'),
        folded: Boolean(details) && !details.open,
        summary: details?.querySelector(':scope > summary')?.textContent ?? null,
        codeShows: Boolean(code) && code.checkVisibility({ visibilityProperty: true }),
      };
    }),
  );
}

/** How many listings outside the marked ones show their code. */
async function otherListingsShown(page) {
  return page.$$eval(
    'main pre',
    (pres) =>
      pres.filter(
        (pre) => !pre.closest('.exercise-listing') && !pre.closest('details') && pre.checkVisibility({ visibilityProperty: true }),
      ).length,
  );
}

async function screenshotFirstFold(page, name) {
  await page.evaluate(() => {
    const first = document.querySelector('.exercise-listing');
    const top = first.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top - 320));
  });
  await screenshot(page, name);
}

test(`${MODE}: "I'm doing the exercises" folds the exercise's listings, on every page and after a reload`, { skip: sameBuild, timeout: 300_000 }, async (t) => {
  await unlessRebuilt(t, async () => {
    const { context, log } = await recordedContext();
    try {
      const page = await context.newPage();
      await page.goto(pageUrl('chapter-03.html'));
      await settle(page);

      // Off by default: the listings show as they always did.
      const toggle = page.getByRole('switch', { name: 'I\u2019m doing the exercises' });
      assert.equal(await toggle.count(), 1, 'no labelled switch in the menu bar');
      assert.equal(await toggle.isChecked(), false, 'the switch is on by default');
      const before = await exerciseListings(page);
      const names = before.map((listing) => listing.functions);
      t.diagnostic(`chapter 3's marked listings: ${names.join(' | ')}`);
      for (const wanted of ['Activation::tanh', 'Activation::forward', 'Activation::backward']) {
        assert.ok(names.some((name) => name.split(' ').includes(wanted)), `no listing of ${wanted} is marked`);
      }
      assert.deepEqual(before.filter((listing) => listing.folded || !listing.codeShows), [], 'folded with the switch off');
      const others = await otherListingsShown(page);
      assert.ok(others > 0, 'no other listing on chapter 3');

      // With the switch off, one line just before the first marked listing (and
      // its file name) says what the listings give away, and its button folds them.
      const notice = await page.evaluate(() => {
        const found = [...document.querySelectorAll('.exercise-notice')];
        const listing = document.querySelector('.exercise-listing');
        const first = listing?.closest('.listing') ?? listing;
        return {
          count: found.length,
          beforeFirst: found.length === 1 && found[0].nextElementSibling === first,
          text: found[0]?.textContent ?? '',
        };
      });
      assert.equal(notice.count, 1, 'not one notice before the exercise listings with the switch off');
      assert.ok(notice.beforeFirst, 'the notice is not just before the first marked listing');
      assert.match(notice.text, /Doing this chapter\u2019s exercise\?/);
      await page.click('.exercise-notice button');
      assert.equal(await toggle.isChecked(), true, "the notice's button did not turn the switch on");
      assert.deepEqual((await exerciseListings(page)).filter((listing) => !listing.folded), [], "not folded by the notice's button");
      assert.equal(await page.locator('.exercise-notice').count(), 0, 'the notice stays with the switch on');
      await toggle.click();
      assert.equal(await toggle.isChecked(), false);

      // On, from the keyboard: the marked listings fold, the others stay.
      await toggle.focus();
      await page.keyboard.press('Space');
      assert.equal(await toggle.isChecked(), true, 'Space did not turn the switch on');
      const folded = await exerciseListings(page);
      assert.deepEqual(folded.filter((listing) => !listing.folded || listing.codeShows), [], 'not folded with the switch on');
      for (const listing of folded) {
        assert.match(listing.summary, /^Your (exercise|extension): /);
        for (const name of listing.functions.split(' ')) assert.ok(listing.summary.includes(name), listing.summary);
        assert.match(listing.summary, /folded so you can write yours first$/);
      }
      assert.equal(await otherListingsShown(page), others, 'the switch folded listings that are not the exercise');
      await screenshotFirstFold(page, 'exercises-on-light.png');

      // A folded listing opens on a click.
      await page.click('details.exercise-fold > summary >> nth=0');
      assert.equal((await exerciseListings(page))[0].codeShows, true, 'a click on the summary did not open the listing');

      // Remembered after a reload, and on the next page.
      await page.reload();
      await settle(page);
      assert.equal(await toggle.isChecked(), true, 'the switch was forgotten on reload');
      assert.deepEqual((await exerciseListings(page)).filter((listing) => !listing.folded), [], 'not folded after a reload');
      await page.goto(pageUrl('chapter-04.html'));
      await settle(page);
      assert.equal(await toggle.isChecked(), true, 'the switch was forgotten on the next page');
      const next = await exerciseListings(page);
      t.diagnostic(`chapter 4: ${next.length} marked listings`);
      assert.deepEqual(next.filter((listing) => !listing.folded || listing.codeShows), [], 'not folded on the next page');

      // A dark theme.
      await page.goto(pageUrl('chapter-03.html'));
      await settle(page);
      await page.click('#mdbook-theme-toggle');
      await page.click('#mdbook-theme-navy');
      await page.keyboard.press('Escape'); // close the theme menu
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('navy')), 'the navy theme did not apply');
      await screenshotFirstFold(page, 'exercises-on-dark.png');
      const colours = await page.$eval('details.exercise-fold > summary', (summary) => {
        const style = getComputedStyle(summary);
        return { fg: style.color, bg: style.backgroundColor };
      });
      assert.notEqual(colours.fg, colours.bg, 'the summary is drawn in its background colour');

      // Off again, with a click: every listing shows, and stays shown after a reload.
      await page.click('label.exercise-switch');
      assert.equal(await toggle.isChecked(), false);
      const unfolded = await exerciseListings(page);
      assert.deepEqual(unfolded.filter((listing) => listing.folded || !listing.codeShows || listing.summary !== null), []);
      await page.reload();
      await settle(page);
      assert.equal(await toggle.isChecked(), false, 'the switch came back on after a reload');
      assert.deepEqual((await exerciseListings(page)).filter((listing) => listing.folded || !listing.codeShows), []);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(log.problems, []);
    } finally {
      await context.close();
    }
  });
});

test(`${MODE}: without JavaScript the exercise's listings show as they always did`, { skip: sameBuild, timeout: 120_000 }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl('chapter-03.html'), { waitUntil: 'load' });
    assert.equal(await page.locator('.exercise-switch').count(), 0, 'a switch that cannot work is shown');
    const listings = await exerciseListings(page);
    assert.ok(listings.length > 0, 'no marked listing on chapter 3');
    assert.deepEqual(listings.filter((listing) => listing.folded || !listing.codeShows), []);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------
// Figures a reader can play ({{#frames}}, book/theme/frames.js): on every page
// that has one, the slider moves the frame and its step and loss, from the
// keyboard and by setting its value, the play button plays, the setting
// choice switches series, a frame change shows within 50 ms, and without
// JavaScript, on the print page and in print, the key frames show instead.

/** The pages with `{{#frames}}` figures, and how many each has. */
const FRAME_PAGES = PAGES.map(({ md, html }) => {
  const markdown = fs.readFileSync(path.join(REPO, 'book', 'src', md), 'utf8');
  return { md, html, count: (markdown.match(/(?<!\\)\{\{#frames\s/g) ?? []).length };
}).filter((page) => page.count > 0);

/** What a frames figure shows now: its visible frame, the readout, the slider and the setting. */
async function framesState(figure) {
  return figure.evaluate((element) => {
    const visible = [...element.querySelectorAll('.frames-stage > img')].filter((img) =>
      img.checkVisibility({ visibilityProperty: true }),
    );
    const slider = element.querySelector('input.frames-slider');
    return {
      ready: element.classList.contains('frames-ready'),
      visible: visible.map((img) => new URL(img.src).pathname.split('/').slice(-1)[0]),
      loaded: visible.every((img) => img.complete && img.naturalWidth > 0),
      step: element.querySelector('.frames-step')?.textContent ?? null,
      loss: element.querySelector('.frames-loss')?.textContent ?? null,
      value: slider ? Number(slider.value) : null,
      max: slider ? Number(slider.max) : null,
      valueText: slider?.getAttribute('aria-valuetext') ?? null,
      sliderLabel: slider?.getAttribute('aria-label') ?? null,
      live: element.querySelector('.frames-readout')?.getAttribute('aria-live') ?? null,
      setting: element.querySelector('.frames-setting select')?.value ?? null,
      settings: [...element.querySelectorAll('.frames-setting select option')].map((option) => option.value),
      play: element.querySelector('button.frames-play')?.textContent ?? null,
      hint: element.querySelector('.frames-hint')?.textContent ?? null,
      keysShown: [...element.querySelectorAll('.frames-keys img')].filter((img) => img.checkVisibility()).length,
      frames: element.querySelectorAll('.frames-stage > img').length,
      framesLoaded: [...element.querySelectorAll('.frames-stage > img')].every((img) => img.complete && img.naturalWidth > 0),
    };
  });
}

/** Every frame of a figure loaded, so that timings measure the change, not the network. */
async function framesLoaded(figure) {
  await figure.evaluate((element) =>
    Promise.all([...element.querySelectorAll('.frames-stage > img')].map((img) => img.decode().catch(() => undefined))),
  );
}

/**
 * How long, in ms, each of a few frame changes took to show: from setting the
 * slider to the frame after next paint (two animation frames).
 */
async function frameChangeTimes(figure) {
  return figure.evaluate(async (element) => {
    const slider = element.querySelector('input.frames-slider');
    const times = [];
    const count = Number(slider.max) + 1;
    for (let k = 0; k < 8; k += 1) {
      const target = (Number(slider.value) + 1 + k * 3) % count;
      const start = performance.now();
      slider.value = String(target);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const shown = [...element.querySelectorAll('.frames-stage > img')].find((img) =>
        img.checkVisibility({ visibilityProperty: true }),
      );
      if (!shown?.complete) throw new Error(`frame ${target} was not loaded when shown`);
      times.push(performance.now() - start);
    }
    return times;
  });
}

/** Every page stays under 2 MB in all: the HTML and everything it loads (book/src's figures, fonts, scripts). */
const PAGE_BUDGET = 2 * 1024 * 1024;

/** The bytes of everything loaded from `urls` (each once), read from the files or the server. */
async function loadedBytes(context, urls) {
  let bytes = 0;
  for (const url of new Set(urls.map(withoutFragment))) {
    if (url.endsWith('/__livereload')) continue;
    if (url.startsWith('file:')) {
      bytes += fs.statSync(fileURLToPath(url)).size;
    } else {
      bytes += (await (await context.request.get(url)).body()).length;
    }
  }
  return bytes;
}

async function framesScreenshot(figure, name) {
  if (!SAVE_SCREENSHOTS) return;
  // mdBook's menu bar sticks to the top of the window and would be drawn over a tall figure.
  const menuBar = (visibility) =>
    figure.page().evaluate((value) => {
      const bar = document.getElementById('mdbook-menu-bar');
      if (bar) bar.style.visibility = value;
    }, visibility);
  await menuBar('hidden');
  await screenshot(figure, name);
  await menuBar('');
}

test(`${MODE}: every {{#frames}} figure has at least chapter 5's`, () => {
  assert.ok(
    FRAME_PAGES.some((page) => page.md === 'chapter-05.md'),
    `no {{#frames}} figure on chapter-05.md; pages with one: ${FRAME_PAGES.map((page) => page.md).join(', ')}`,
  );
});

for (const { md, html, count } of FRAME_PAGES) {
  test(`${MODE}: ${html}: the figures a reader can play play, from the keyboard and the mouse`, { skip: sameBuild, timeout: 300_000 }, async (t) => {
    await unlessRebuilt(t, async () => {
      const { context, log } = await recordedContext();
      try {
        const page = await context.newPage();
        await page.goto(pageUrl(html), { waitUntil: 'load' });
        await settle(page);
        const figures = page.locator('figure.frames');
        assert.equal(await figures.count(), count, `${md} has ${count} {{#frames}} but the page ${await figures.count()} figures`);
        for (let n = 0; n < count; n += 1) {
          const figure = figures.nth(n);
          await framesLoaded(figure);
          const first = await framesState(figure);
          t.diagnostic(`figure ${n + 1}: ${first.frames} frames, ${first.settings.length || 1} series, ${first.max + 1} steps`);
          assert.equal(first.ready, true, 'frames.js did not turn the figure into a player');
          assert.equal(first.keysShown, 0, 'the key frames still show beside the player');
          assert.equal(first.framesLoaded, true, 'a frame did not load');
          assert.equal(first.visible.length, 1, `not one frame visible: ${first.visible.join(', ')}`);
          assert.equal(first.value, 0, 'the player does not start at the first frame');
          assert.ok(first.max >= 2, 'fewer than three frames');
          assert.ok(first.step && first.loss, 'no step or loss beside the frame');
          assert.match(first.sliderLabel ?? '', /^Frame of the figure: ./, 'the slider has no label');
          assert.ok(first.valueText?.includes(first.step) && first.valueText.includes(first.loss), `aria-valuetext: ${first.valueText}`);
          assert.equal(first.live, 'polite', 'the step and loss are not read out when they change');
          assert.equal(first.play, 'Play');
          assert.match(first.hint ?? '', /slider/, 'the player does not say how to play it');
          await framesScreenshot(figure, `frames-${html.replace(/\.html$/, '')}-${n + 1}-first-light.png`);

          // The keyboard: ArrowRight on the focused slider moves one frame.
          await figure.locator('input.frames-slider').focus();
          await page.keyboard.press('ArrowRight');
          const right = await framesState(figure);
          assert.equal(right.value, 1, 'ArrowRight did not move the slider one step');
          assert.notDeepEqual(right.visible, first.visible, 'ArrowRight did not change the frame drawn');
          assert.notEqual(right.step, first.step, 'ArrowRight did not change the step shown');
          assert.notEqual(right.valueText, first.valueText);
          await page.keyboard.press('End');
          assert.equal((await framesState(figure)).value, first.max, 'End did not go to the last frame');
          await page.keyboard.press('Home');
          assert.equal((await framesState(figure)).value, 0, 'Home did not go to the first frame');

          // The mouse (or anything that sets the value): the middle frame.
          const middle = Math.floor(first.max / 2);
          await figure.locator('input.frames-slider').fill(String(middle));
          const moved = await framesState(figure);
          assert.equal(moved.value, middle);
          assert.equal(moved.loaded, true, 'the frame shown is not loaded');
          assert.notDeepEqual(moved.visible, first.visible, 'setting the slider did not change the frame drawn');
          assert.notEqual(moved.step, first.step, 'setting the slider did not change the step shown');
          assert.notEqual(moved.loss, first.loss, 'setting the slider did not change the loss shown');
          await framesScreenshot(figure, `frames-${html.replace(/\.html$/, '')}-${n + 1}-middle-light.png`);

          // The setting: another series at the same step.
          if (moved.settings.length > 1) {
            const other = moved.settings.find((value) => value !== moved.setting);
            await figure.locator('.frames-setting select').selectOption(other);
            const switched = await framesState(figure);
            assert.equal(switched.setting, other);
            assert.equal(switched.value, middle, 'changing the setting moved the slider');
            assert.equal(switched.step, moved.step, 'changing the setting changed the step');
            assert.notDeepEqual(switched.visible, moved.visible, 'changing the setting did not change the frame drawn');
            assert.notEqual(switched.loss, moved.loss, 'changing the setting did not change the loss shown');
            assert.notEqual(switched.valueText, moved.valueText);
            await figure.locator('.frames-setting select').selectOption(moved.setting);
            assert.deepEqual((await framesState(figure)).visible, moved.visible, 'switching back did not bring the frame back');
          }

          // Play: the frames advance by themselves, and Pause stops them.
          await figure.locator('button.frames-play').click();
          assert.equal((await framesState(figure)).play, 'Pause');
          assert.equal((await framesState(figure)).live, 'off', 'the readout talks over the slider while playing');
          await page.waitForFunction((element) => Number(element.querySelector('input.frames-slider').value) > 0 && Number(element.querySelector('input.frames-slider').value) !== Math.floor(Number(element.querySelector('input.frames-slider').max) / 2), await figure.elementHandle(), { timeout: 5_000 });
          await figure.locator('button.frames-play').click();
          const paused = await framesState(figure);
          assert.equal(paused.play, 'Play');
          await page.waitForTimeout(1_500);
          assert.equal((await framesState(figure)).value, paused.value, 'the frames went on after Pause');

          // A frame change shows within 50 ms (every frame is loaded with the page).
          const times = await frameChangeTimes(figure);
          const sorted = [...times].sort((a, b) => a - b);
          const median = sorted[Math.floor(sorted.length / 2)];
          t.diagnostic(`frame changes: median ${median.toFixed(1)} ms, slowest ${sorted.at(-1).toFixed(1)} ms (${times.length} changes)`);
          assert.ok(median < 50, `a frame change takes ${median.toFixed(1)} ms (median), over 50 ms`);
        }

        // The dark theme: the player's controls in the theme's colours, the frames on white.
        const dark = await context.newPage();
        await dark.addInitScript(() => localStorage.setItem('mdbook-theme', 'coal'));
        await dark.goto(pageUrl(html), { waitUntil: 'load' });
        await settle(dark);
        assert.ok(await dark.evaluate(() => document.documentElement.classList.contains('coal')), 'the coal theme did not apply');
        for (let n = 0; n < count; n += 1) {
          const figure = dark.locator('figure.frames').nth(n);
          await framesLoaded(figure);
          const colours = await figure.evaluate((element) => {
            const style = getComputedStyle(element.querySelector('.frames-step'));
            const page = getComputedStyle(document.body);
            return { text: style.color, background: page.backgroundColor };
          });
          assert.notEqual(colours.text, colours.background, 'the step is drawn in the page colour');
          await framesScreenshot(figure, `frames-${html.replace(/\.html$/, '')}-${n + 1}-first-dark.png`);
          const max = (await framesState(figure)).max;
          await figure.locator('input.frames-slider').fill(String(Math.floor(max / 2)));
          await framesScreenshot(figure, `frames-${html.replace(/\.html$/, '')}-${n + 1}-middle-dark.png`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.deepEqual(log.problems, []);

        // Everything the page loaded, every frame included, in both themes.
        const bytes = await loadedBytes(context, log.requests.filter((url) => !url.startsWith('data:')));
        t.diagnostic(`${html} loads ${(bytes / 1024).toFixed(0)} KiB in all`);
        assert.ok(bytes < PAGE_BUDGET, `${html} loads ${(bytes / 1024).toFixed(0)} KiB, over ${PAGE_BUDGET / 1024} KiB`);
      } finally {
        await context.close();
      }
    });
  });

  test(`${MODE}: ${html}: without JavaScript and in print, the key frames show side by side`, { skip: sameBuild, timeout: 300_000 }, async (t) => {
    await unlessRebuilt(t, async () => {
      // No JavaScript: the key frames, loaded, and no player.
      const off = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
      try {
        const page = await off.newPage();
        await page.goto(pageUrl(html), { waitUntil: 'load' });
        const figures = page.locator('figure.frames');
        assert.equal(await figures.count(), count);
        for (let n = 0; n < count; n += 1) {
          const figure = figures.nth(n);
          const keys = await figure.evaluate((element) =>
            [...element.querySelectorAll('.frames-keys img')].map((img) => ({
              shown: img.checkVisibility(),
              loaded: img.complete && img.naturalWidth > 0,
              top: Math.round(img.getBoundingClientRect().top),
              caption: img.closest('figure').querySelector('figcaption')?.textContent ?? '',
            })),
          );
          t.diagnostic(`figure ${n + 1}: ${keys.length} key frames without JavaScript`);
          assert.ok(keys.length >= 2, 'fewer than two key frames');
          assert.deepEqual(keys.filter((key) => !key.shown || !key.loaded), [], 'a key frame is hidden or not loaded');
          assert.ok(keys.every((key) => /\S+: \S/.test(key.caption)), 'a key frame without its step and loss under it');
          // Side by side: the first row holds more than one frame.
          assert.ok(keys.filter((key) => key.top === keys[0].top).length > 1, 'the key frames are not side by side');
          assert.equal(await figure.locator('.frames-player').count(), 0, 'a player without JavaScript');
          await framesScreenshot(figure, `frames-${html.replace(/\.html$/, '')}-${n + 1}-no-javascript.png`);
        }
        // Where there is no slider, the page does not ask for one to be moved.
        const asks = (await page.evaluate(() => document.body.innerText)).match(/[^.]*\b(slider|press Play)\b[^.]*/gi) ?? [];
        assert.deepEqual(asks, [], 'without JavaScript the text speaks of a slider');
      } finally {
        await off.close();
      }

      const { context, log } = await recordedContext();
      try {
        // Printed from the page: the player hides, the key frames show.
        const page = await context.newPage();
        await page.goto(pageUrl(html), { waitUntil: 'load' });
        await settle(page);
        await page.emulateMedia({ media: 'print' });
        const printed = await page.locator('figure.frames').first().evaluate((element) => ({
          player: element.querySelector('.frames-player')?.checkVisibility() ?? false,
          keys: [...element.querySelectorAll('.frames-keys img')].filter((img) => img.checkVisibility()).length,
        }));
        assert.equal(printed.player, false, 'the player is printed');
        assert.ok(printed.keys >= 2, 'the key frames are not printed');
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.deepEqual(log.problems, []);
      } finally {
        await context.close();
      }
    });
  });
}

// The print page (what the PDF prints), once for every page: every chapter's
// key frames, and no frame loaded but them.
test(`${MODE}: the print page shows every figure's key frames and loads no other frame`, { skip: sameBuild, timeout: 300_000 }, async (t) => {
  await unlessRebuilt(t, async () => {
    const { context, log } = await recordedContext();
    try {
      // The print page (what the PDF prints): the key frames only, no frame loaded but them.
      const print = await context.newPage();
      await print.goto(pageUrl('print.html'), { waitUntil: 'load' });
      await settle(print);
      const onPrint = await print.evaluate(() => ({
        figures: document.querySelectorAll('figure.frames').length,
        players: document.querySelectorAll('.frames-player').length,
        keys: [...document.querySelectorAll('figure.frames .frames-keys img')].filter((img) => img.checkVisibility() && img.naturalWidth > 0).length,
        all: document.querySelectorAll('figure.frames .frames-keys img').length,
      }));
      assert.ok(onPrint.figures >= FRAME_PAGES.reduce((sum, page) => sum + page.count, 0), 'the print page lacks the figures');
      assert.equal(onPrint.players, 0, 'the print page made players, loading every frame');
      assert.equal(onPrint.keys, onPrint.all, 'a key frame on the print page is hidden or not loaded');
      assert.deepEqual(
        (await print.evaluate(() => document.body.innerText)).match(/[^.]*\b(slider|press Play)\b[^.]*/gi) ?? [],
        [],
        'the print page speaks of a slider',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(log.problems, []);

      // The whole book on one page, within the budget of any other page.
      const bytes = await loadedBytes(context, log.requests.filter((url) => !url.startsWith('data:')));
      t.diagnostic(`print.html loads ${(bytes / 1024).toFixed(0)} KiB in all`);
      assert.ok(bytes < PAGE_BUDGET, `print.html loads ${(bytes / 1024).toFixed(0)} KiB, over ${PAGE_BUDGET / 1024} KiB`);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------
// Links and anchors.

/** Why `href` does not resolve inside the book, or null when it does. */
async function checkTarget(context, href) {
  if (!isInsideBook(href)) return `leaves the book: ${href}`;
  const target = withoutFragment(href);
  if (MODE === 'file') {
    let file = fileURLToPath(target);
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) return `no such file: ${file}`;
  } else {
    const response = await context.request.get(target, { failOnStatusCode: false });
    if (response.status() !== 200) return `HTTP ${response.status()} for ${target}`;
  }
  const fragment = decodeURIComponent(new URL(href).hash.slice(1));
  if (fragment === '' || !/\.html$|\/$/.test(new URL(target).pathname)) return null;
  let ids = idsByPage.get(target);
  if (!ids) {
    const page = await context.newPage();
    try {
      await page.goto(target, { waitUntil: 'load' });
      ids = new Set(
        await page.evaluate(() => [
          ...[...document.querySelectorAll('[id]')].map((element) => element.id),
          ...[...document.querySelectorAll('a[name]')].map((element) => element.getAttribute('name')),
        ]),
      );
      idsByPage.set(target, ids);
    } finally {
      await page.close();
    }
  }
  return ids.has(fragment) ? null : `no id "${fragment}" on ${target}`;
}

test(`${MODE}: every internal link and #anchor resolves`, { timeout: 300_000 }, async (t) => {
  await unlessRebuilt(t, async () => {
    assert.ok(internalLinks.length > 0, 'no internal links were collected (did the page tests run?)');
    const { context, log } = await recordedContext();
    try {
      const checked = new Map();
      const broken = [];
      for (const link of internalLinks) {
        if (!checked.has(link.href)) checked.set(link.href, await checkTarget(context, link.href));
        const problem = checked.get(link.href);
        if (problem) broken.push(`${link.from}: <a href="${link.raw}">: ${problem}`);
      }
      t.diagnostic(`${internalLinks.length} internal links, ${checked.size} distinct targets`);
      assert.deepEqual([...new Set(broken)], []);
      assert.deepEqual(log.problems, []);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------
// Under a sub-path, a missing page: a host such as GitHub Pages answers any
// missing address with the book's 404.html, at that address, however deep.
// Its styles, scripts and links must still find the book (mdBook points them
// at `site-url`, which the build has to be given).

test(
  `${MODE}: a missing page deep below the book gets the book's 404 page, styled, with links into the book`,
  { skip: MODE !== 'sub-path' && 'only under a sub-path (BOOK_URL=http://…/nn-book/)', timeout: 120_000 },
  async () => {
    const { context, log } = await recordedContext();
    try {
      const notFound = await (await fetch(new URL('404.html', BASE))).text();
      const missing = new URL('no/such/chapter.html', BASE).href;
      // The static server here answers its own 404; answer as the host would.
      await context.route(missing, (route) =>
        route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: notFound }),
      );
      const page = await context.newPage();
      await page.goto(missing);
      await settle(page);
      const shown = await page.evaluate(() => ({
        heading: document.querySelector('main h1')?.textContent ?? '',
        styled: getComputedStyle(document.querySelector('#mdbook-sidebar') ?? document.body).position,
        // Not the heading's own #anchor, which the <base> of the 404 page sends to the book's index.
        links: [...document.querySelectorAll('a[href]:not([href^="#"])')]
          .map((a) => a.href)
          .filter((href) => /^https?:/.test(href)),
      }));
      assert.match(shown.heading, /404/, 'the 404 page has no heading saying so');
      assert.notEqual(shown.styled, 'static', "the book's style sheets did not apply to the 404 page");
      const chapters = shown.links.filter((href) => PAGES.some(({ html }) => href === pageUrl(html)));
      assert.ok(chapters.length >= PAGES.length - 1, `the 404 page links ${chapters.length} of the book's pages`);
      const broken = [];
      for (const href of new Set(shown.links.filter((href) => new URL(href).origin === BASE.origin))) {
        const problem = await checkTarget(context, href);
        if (problem) broken.push(problem);
      }
      assert.deepEqual(broken, [], "links on the 404 page that miss the book");
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(
        // The one 404 asked for, as the test sees it and as the console reports it.
        log.problems.filter((problem) => problem !== `HTTP 404 for ${missing}` && !problem.includes(`(${missing}:0)`)),
        [],
      );
    } finally {
      await context.close();
    }
  },
);

// ---------------------------------------------------------------------------
// Live reload: edit a page of a temporary copy of the repository while the
// copy's server runs, and watch the open page change by itself. (Never the
// real book/src: other people edit it.)
//
// The copy keeps the files' modification times and is run with the
// repository's CARGO_TARGET_DIR, so cargo finds the book tool up to date and
// does not build it again. The tool then builds the copy because it takes its
// workspace from what `cargo run` tells it at run time (book/builder/main.rs);
// the test checks that it really serves the copy.

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function copyRepository(from, to) {
  const skip = new Set(['target', '.git', 'node_modules']);
  fs.cpSync(from, to, {
    recursive: true,
    preserveTimestamps: true,
    filter: (source) => source === from || !skip.has(path.basename(source)),
  });
  // The examples' results and builds, so that the copy does not run them again.
  const examples = path.join(from, 'target', 'book-run');
  if (fs.existsSync(examples)) {
    fs.cpSync(examples, path.join(to, 'target', 'book-run'), { recursive: true, preserveTimestamps: true });
  }
}

async function waitForBuild(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the copy's book server exited with ${server.exitCode}`);
    try {
      const response = await fetch(new URL('__livereload', url), { cache: 'no-store' });
      if (response.ok && (await response.text()).trim() !== '0') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the copy's book server did not finish its first build within ${timeoutMs / 1000} s`);
}

test(
  `${MODE}: live reload updates the open page when its markdown changes`,
  { skip: !LIVE_RELOAD && 'live reload needs the book server (BOOK_URL=http://127.0.0.1:PORT/, or LIVE_RELOAD=1)', timeout: 1_800_000 },
  async (t) => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'book-live-reload-'));
    const targetDir = path.resolve(
      process.env.LIVE_RELOAD_TARGET_DIR ?? process.env.CARGO_TARGET_DIR ?? path.join(REPO, 'target'),
    );
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    let server;
    let serverLog = '';
    const { context, log } = await recordedContext(new URL(url).origin);
    try {
      copyRepository(REPO, copy);
      const chapter = PAGES.find((page) => page.md.startsWith('chapter-')) ?? PAGES[0];
      const source = path.join(copy, 'book', 'src', chapter.md);
      const original = fs.readFileSync(source, 'utf8');
      const stamp = `${process.pid}-${Date.now()}`;
      const copyMarker = `Served from the copy ${stamp}`;
      const editMarker = `Live reload check ${stamp}`;
      // Mark the copy before its server starts, to tell it from the real repository.
      fs.writeFileSync(source, `${original.trimEnd()}\n\n${copyMarker}\n`);

      server = spawn('cargo', ['run', '--quiet', '--locked', '-p', 'book', '--', '--port', String(port)], {
        cwd: copy,
        env: { ...process.env, CARGO_TARGET_DIR: targetDir },
        detached: true, // its own process group, so that cargo and the server stop together
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      server.stdout.on('data', (chunk) => (serverLog += chunk));
      server.stderr.on('data', (chunk) => (serverLog += chunk));
      await waitForBuild(url, server, 1_500_000);

      const page = await context.newPage();
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });
      await page.goto(new URL(chapter.html, url).href);
      await settle(page);
      const main = () => page.textContent('main');
      assert.ok(
        (await main()).includes(copyMarker),
        `the server started in ${copy} does not serve the copy's ${chapter.md}: ` +
          'does the book tool take its workspace from CARGO_MANIFEST_DIR at run time?',
      );
      assert.ok(!(await main()).includes(editMarker));

      // Edit the page: the open page reloads by itself.
      const before = navigations;
      const edited = Date.now();
      fs.writeFileSync(source, `${original.trimEnd()}\n\n${editMarker}\n`);
      await page.waitForFunction((text) => document.querySelector('main')?.textContent.includes(text), editMarker, {
        timeout: 120_000,
        polling: 250,
      });
      assert.ok(navigations > before, 'the page changed without reloading itself?');
      t.diagnostic(`${chapter.md} edited in the copy: the open page showed it ${Date.now() - edited} ms later`);

      // Restore, and the page follows again.
      fs.writeFileSync(source, original);
      await page.waitForFunction(
        (texts) => !texts.some((text) => document.querySelector('main')?.textContent.includes(text)),
        [copyMarker, editMarker],
        { timeout: 120_000, polling: 250 },
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(log.problems, []);
    } catch (error) {
      error.message += `\n--- the copy's server said:\n${serverLog.trim().split('\n').slice(-40).join('\n')}`;
      throw error;
    } finally {
      await context.close();
      if (server && server.exitCode === null) {
        try {
          process.kill(-server.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        await new Promise((resolve) => {
          const timer = setTimeout(() => {
            try {
              process.kill(-server.pid, 'SIGKILL');
            } catch {
              // already gone
            }
            resolve();
          }, 5_000);
          server.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      fs.rmSync(copy, { recursive: true, force: true });
    }
  },
);

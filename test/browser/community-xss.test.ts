// No script ever runs from a post: a participant posts a corpus of script payloads (as thread
// titles, post bodies in markdown and HTML, and a file name), and a real browser opens every page
// that shows them. In the browser, alert/confirm/prompt are replaced by recorders and every
// Content Security Policy violation is recorded too (an inline handler or javascript: URL that
// got through the sanitiser would be blocked by the CSP, and reported): nothing may be recorded.
// The page's HTML must also hold no script, handler, style, frame or non-web link in the posts.
// A control page first shows that the recorders do catch a payload that runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { Agent } from '../agent.ts';
import { DEMO_ACCOUNTS, DEMO_THIS_YEAR } from '../../src/seed/accounts.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite({ now: new Date('2026-11-23T12:00:00Z') });
const BOARD = `/work-groups/${DEMO_THIS_YEAR.workGroup}/community`;
const PRIYA = DEMO_ACCOUNTS.find((a) => a.role === 'participant')!;

/** Script payloads: HTML, markdown links and images, encodings, mutation and parser tricks. */
const PAYLOADS = [
  '<script>alert("script")</script>',
  '<img src=x onerror="alert(\'img\')">',
  '<svg onload=alert("svg")>',
  '<svg><script>alert("svg-script")</script></svg>',
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  '<iframe srcdoc="<script>parent.alert(\'srcdoc\')</script>"></iframe>',
  '<body onload=alert("body")>',
  '<details open ontoggle=alert("details")>x</details>',
  '<input autofocus onfocus=alert("focus")>',
  '<a href="javascript:alert(\'a\')">click me</a>',
  '<a href="https://example.org" onclick="alert(\'onclick\')">innocent</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(\'hex\')">hex</a>',
  '[click me](javascript:alert("md-link"))',
  '[click me](JaVaScRiPt:alert("md-case"))',
  '[click me](&#106;avascript:alert("md-entity"))',
  '[click me](javascript&colon;alert("md-colon"))',
  '[click me](<javascript:alert("md-angle")>)',
  '[ref link][x]\n\n[x]: javascript:alert("md-ref")',
  '<javascript:alert("autolink")>',
  '![img](javascript:alert("md-img"))',
  '![img](x" onerror="alert(\'md-img-attr\'))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgiZGF0YSIpPC9zY3JpcHQ+)',
  '[vb](vbscript:msgbox("vb"))',
  '<object data="javascript:alert(\'object\')"></object>',
  '<embed src="javascript:alert(\'embed\')">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("mxss")></style></mglyph></table></mtext></math>',
  '<form><button formaction="javascript:alert(\'form\')">go</button></form>',
  '<style>@import "javascript:alert(\'style\')";</style>',
  '<p style="background:url(javascript:alert(\'css\'))">styled</p>',
  '"><script>alert("attr-break")</script>',
  "'><img src=x onerror=alert('single')>",
  '<scr<script>ipt>alert("nested")</scr</script>ipt>',
  '<noscript><p title="</noscript><img src=x onerror=alert(\'noscript\')>">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(\'meta\')">',
  '<base href="javascript:alert(\'base\')//">',
  '`<script>alert("code")</script>`',
  '```html\n<script>alert("fence")</script>\n```',
  '<!--><script>alert("comment")</script>-->',
  '<xmp><script>alert("xmp")</script></xmp>',
  '<template><script>alert("template")</script></template>',
  '**bold <img src=x onerror=alert("in-bold")>** and _<svg/onload=alert("in-em")>_',
  '> quote <script>alert("quote")</script>\n\n- item <img src=x onerror=alert("item")>',
];
const TITLES = ['<script>alert("title")</script>', '"><img src=x onerror=alert(\'title-img\')>', '{{ 7*7 }} {% raw %}<svg onload=alert("tpl")>'];

/** Recorders for anything that would show a script ran, installed before each page's own scripts. */
async function watch(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __ran: string[] } & Record<string, unknown>;
    w.__ran = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) w[name] = (...args: unknown[]) => void w.__ran.push(`${name}(${args.join(',')})`);
    document.addEventListener('securitypolicyviolation', (e) => w.__ran.push(`CSP ${e.violatedDirective} ${e.blockedURI} ${e.sample}`), true);
  });
}

const ran = (page: Page) => page.evaluate(() => (window as unknown as { __ran: string[] }).__ran);

/** What the posts' HTML holds that it never should. */
async function unsafeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const body of document.querySelectorAll('[data-testid="post-body"]')) {
      for (const el of body.querySelectorAll('*')) {
        if (/^(script|iframe|img|svg|math|object|embed|style|form|input|button|meta|base|link|template|xmp|noscript)$/i.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`);
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name) || attr.name === 'style' || attr.name === 'src' || attr.name === 'srcdoc') found.push(`${el.tagName.toLowerCase()} ${attr.name}`);
        }
        if (el.tagName === 'A' && el.hasAttribute('href') && !/^(https?:|mailto:)/i.test(el.getAttribute('href') ?? '')) found.push(`a href=${el.getAttribute('href')}`);
      }
    }
    return found;
  });
}

test('script payloads posted in the community never run', async () => {
  const base = suite.site.baseUrl;
  const context = await suite.browser.newContext();
  await watch(context);

  // The control: the recorders catch a payload that does run (a page with no sanitiser and no CSP).
  const control = await context.newPage();
  await control.setContent('<img src="data:," onerror="alert(\'control\')"><svg onload="alert(\'control-svg\')"></svg>');
  await control.waitForFunction(() => (window as unknown as { __ran: string[] }).__ran.length >= 2);
  assert.deepEqual((await ran(control)).sort(), ['alert(control)', 'alert(control-svg)']);
  await control.close();

  // Priya posts the first payload as a thread in the browser, as a person would.
  const page = await context.newPage();
  await signInWithPassword(page, base, PRIYA);
  await page.goto(`${base}${BOARD}/new`);
  await page.getByLabel('Title').fill(TITLES[0]!);
  await page.getByLabel('Message').fill(PAYLOADS[0]!);
  await page.getByLabel('Attach files').setInputFiles({ name: '"><img src=x onerror=alert(\'file\')>.txt', mimeType: 'text/plain', buffer: Buffer.from('<script>alert("file-content")</script>') });
  await page.getByRole('button', { name: 'Post' }).click();
  await page.getByRole('heading', { level: 1, name: TITLES[0]! }).waitFor();
  const threadUrl = new URL(page.url()).pathname;

  // The rest of the corpus as replies, and two more threads, through the same forms over HTTP.
  const agent = new Agent(suite.site.app);
  await agent.submit(await agent.get('/sign-in'), { email: PRIYA.email, password: PRIYA.password });
  for (const payload of PAYLOADS.slice(1)) {
    const thread = await agent.get(threadUrl);
    const posted = await agent.upload(thread, {}, `${threadUrl}/replies`, { body: payload });
    assert.equal(posted.status, 303, payload);
  }
  for (const title of TITLES.slice(1)) {
    const form = await agent.get(`${BOARD}/new`);
    assert.equal((await agent.upload(form, {}, `${BOARD}/new`, { title, body: `${title}\n\n${PAYLOADS[1]}` })).status, 303, title);
  }

  // Every page that shows them, in the browser: nothing runs.
  for (const path of [threadUrl, BOARD, `${BOARD}/files`, '/community', `${BOARD}/members`]) {
    await page.goto(`${base}${path}`);
    await page.waitForLoadState('load');
    // Give anything that was going to run (autofocus, toggles, refreshes) its moment.
    await page.waitForTimeout(150);
    assert.equal(new URL(page.url()).pathname, path, `${path}: nothing navigated the page away`);
    assert.deepEqual(await ran(page), [], `${path}: a script ran or tried to (the CSP blocked it)`);
  }
  // The thread: every payload is there, shown as the text that was typed, with no unsafe markup.
  await page.goto(`${base}${threadUrl}`);
  assert.equal(await page.getByTestId('post').count(), PAYLOADS.length, 'every payload is on the page');
  assert.match(await page.getByTestId('posts').innerText(), /<script>alert\("script"\)<\/script>/);
  assert.deepEqual(await unsafeMarkup(page), []);
  await expectAccessible(page, 'a thread of script payloads');
  // Each thread with a payload title, and the files page's file name.
  await page.goto(`${base}${BOARD}`);
  const titled = await page.getByTestId('threads').locator('tbody a').evaluateAll((links) => links.map((a) => ({ path: (a as HTMLAnchorElement).pathname, title: a.textContent?.trim() ?? '' })));
  assert.deepEqual(titled.map((t) => t.title).sort(), [...TITLES].sort(), 'each title is shown as typed');
  for (const { path, title } of titled) {
    await page.goto(`${base}${path}`);
    await page.waitForTimeout(100);
    assert.deepEqual(await ran(page), [], `${path}: a script ran or tried to (the CSP blocked it)`);
    assert.deepEqual(await unsafeMarkup(page), [], path);
    assert.equal((await page.locator('h1').innerText()).trim(), title);
    assert.ok((await page.title()).startsWith(title), 'the title is text in the page’s title too');
  }
  await page.goto(`${base}${BOARD}/files`);
  assert.match(await page.getByTestId('files').innerText(), /img src=x onerror=alert\('file'\)\.txt/);
  assert.deepEqual(await ran(page), []);
  await expectAccessible(page, 'the files page with a payload file name');
  await context.close();
});

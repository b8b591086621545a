// Starting and driving the real 台账 app: tauri-driver (which runs WebKitWebDriver) on a local
// port, selenium-webdriver as the client, an isolated XDG_DATA_HOME per test run, a D-Bus
// session of its own (the single-instance check uses it) and, on request, a screen of its own size.
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, openSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Builder, By, Key, until } from 'selenium-webdriver'

const here = dirname(fileURLToPath(import.meta.url))
export const root = join(here, '..', '..')
export const application = process.env.TAIZHANG_APP ?? join(root, 'target', 'debug', 'taizhang-desktop')
export const screenshots = join(here, 'screenshots')
/** Where the manual's pictures live (docs/manual, built into the app's 帮助). */
export const manualImages = join(root, 'docs', 'manual', 'images')
const TIMEOUT = 20000

/** One running app: the driver process and the WebDriver session. */
export class App {
  /** `screen` ("1024x768"): start the app on a virtual screen of that size instead of the run's. */
  constructor(dataHome, { screen } = {}) {
    this.dataHome = dataHome
    this.screen = screen
    this.helpers = []
  }

  /** The environment the app runs in: its data folder, D-Bus session and display. */
  get env() {
    return { ...process.env, XDG_DATA_HOME: this.dataHome, DBUS_SESSION_BUS_ADDRESS: this.dbus, ...(this.display ? { DISPLAY: this.display } : {}) }
  }

  async start() {
    const tauriDriver = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? '', '.cargo', 'bin', 'tauri-driver')
    // The driver, WebKitWebDriver and the app run in a process group of their own, logging to a
    // file: none of them holds the test runner's output open, and stop() ends them all.
    mkdirSync(screenshots, { recursive: true })
    const log = openSync(join(screenshots, 'driver.log'), 'a')
    this.dbus = await this.helper('dbus-daemon', ['--session', '--nofork', '--print-address=1'], (line) => line.startsWith('unix:') && line)
    if (this.screen) this.display = `:${await this.helper('Xvfb', ['-displayfd', '1', '-screen', '0', `${this.screen}x24`, '-nolisten', 'tcp'], (line) => /^\d+$/.test(line) && line)}`
    this.driverProcess = spawn(tauriDriver, ['--port', '4444', '--native-port', '4445'], {
      env: this.env,
      stdio: ['ignore', log, log],
      detached: true,
    })
    await waitForPort(4444)
    const capabilities = { browserName: 'wry', 'tauri:options': { application } }
    this.driver = await new Builder().usingServer('http://127.0.0.1:4444/').withCapabilities(capabilities).build()
    await this.driver.manage().setTimeouts({ implicit: 0, script: 15000 })
    await this.driver.wait(until.elementLocated(By.css('#app > *')), TIMEOUT)
    return this
  }

  /** Start a helper process and wait for the first line of its output that `read` accepts. */
  async helper(program, args, read) {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'ignore'], detached: true })
    this.helpers.push(child)
    return new Promise((resolve, reject) => {
      let buffered = ''
      const timer = setTimeout(() => reject(new Error(`${program} 未在 10 秒内就绪`)), 10000)
      child.on('error', (error) => reject(new Error(`无法启动 ${program}：${error.message}`)))
      child.stdout.on('data', (chunk) => {
        buffered += chunk
        for (const line of buffered.split('\n')) {
          const value = read(line.trim())
          if (value) {
            clearTimeout(timer)
            child.stdout.removeAllListeners('data')
            child.stdout.resume()
            return resolve(value)
          }
        }
      })
    })
  }

  async stop() {
    try {
      await this.driver?.quit()
    } finally {
      for (const group of [this.driverProcess?.pid, ...this.helpers.map((h) => h.pid)]) {
        for (const signal of ['SIGTERM', 'SIGKILL']) {
          try {
            if (group) process.kill(-group, signal)
          } catch {
            // The group is already gone.
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 800))
      this.helpers = []
    }
  }

  /** Run the app's binary again, as a user double-clicking it while it runs: its exit code, or null if it kept running. */
  async startAgain(waitMs = 15000) {
    const child = spawn(application, [], { env: this.env, stdio: 'ignore' })
    const code = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), waitMs)
      child.on('exit', (exitCode) => {
        clearTimeout(timer)
        resolve(exitCode)
      })
    })
    if (code === null) child.kill('SIGKILL')
    return code
  }

  /** First start as the coordinating office (梨树县环保局, admin / admin-pass-1), the recovery
   *  code marked kept: signed in as the administrator. */
  async setUpCoordinator() {
    await this.el('setup-form')
    await this.click('unit-coordinator')
    await this.type('setup-unit-name', '梨树县环保局')
    await this.type('setup-username', 'admin')
    await this.type('setup-password', 'admin-pass-1')
    await this.type('setup-confirm', 'admin-pass-1')
    await this.click('setup-submit')
    await this.click('recovery-kept')
    await this.click('recovery-done')
    await this.el('user')
  }

  /** Sign in on the sign-in page; the ms from the click until `ready` (a data-test) is shown. */
  async signIn(username, password, ready = 'user') {
    await this.type('login-username', username)
    await this.type('login-password', password)
    const started = Date.now()
    await this.click('login-submit')
    await this.el(ready)
    return Date.now() - started
  }

  /** Elements (by CSS selector) whose box reaches outside the window, with their boxes; with
   *  `scrolls` only sideways (content below the fold is reached by scrolling, never cut). */
  async outsideWindow(selector, { scrolls = false } = {}) {
    return this.driver.executeScript(
      `return [...document.querySelectorAll(arguments[0])].filter((e) => e.offsetParent !== null).map((e) => {
         const r = e.getBoundingClientRect()
         return { what: (e.dataset.test || e.className || e.tagName).toString().slice(0, 60), left: Math.round(r.left), top: Math.round(r.top), right: Math.round(r.right), bottom: Math.round(r.bottom) }
       }).filter((b) => b.left < 0 || b.right > window.innerWidth + 1 || (!arguments[1] && (b.top < 0 || b.bottom > window.innerHeight + 1)))`,
      selector,
      scrolls,
    )
  }

  /** The window's inner size as the page sees it. */
  async viewport() {
    return this.driver.executeScript('return { width: window.innerWidth, height: window.innerHeight }')
  }

  /** The element with this data-test attribute (optionally a descendant selector). */
  async el(test, inner = '') {
    const locator = By.css(`[data-test="${test}"]${inner ? ' ' + inner : ''}`)
    const element = await this.driver.wait(until.elementLocated(locator), TIMEOUT, `元素 ${test} ${inner} 未出现`)
    await this.driver.wait(until.elementIsVisible(element), TIMEOUT)
    return element
  }

  async all(test) {
    return this.driver.findElements(By.css(`[data-test="${test}"]`))
  }

  /** Time, inside the page, from the next click to the first frame drawn once `shown` (a
   *  JavaScript expression over the page) holds: what the user sees, without WebDriver's own round
   *  trips around it, which on this machine add from 0.2 s to a second from one run to the next.
   *  Read the time with `clickToFrame` once the test has seen the page. */
  async timeNextClick(shown) {
    await this.driver.executeScript(`
      const timing = (window.__clickTiming = { clicked: null, shown: null })
      addEventListener('click', (event) => { timing.clicked ??= event.timeStamp }, { capture: true, once: true })
      const observer = new MutationObserver(() => {
        if (timing.clicked === null || !(${shown})) return
        observer.disconnect()
        requestAnimationFrame(() => (timing.shown = performance.now()))
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })`)
  }

  /** Milliseconds from the click to the frame, as `timeNextClick` measured them. */
  async clickToFrame() {
    const timing = await this.driver.wait(() => this.driver.executeScript('const t = window.__clickTiming; return t.shown !== null && t'), TIMEOUT, '页面计时未完成')
    return Math.round(timing.shown - timing.clicked)
  }

  /** The task list's page drawn whole (its first screen is drawn first, the rows below a frame later). */
  async wholePageDrawn() {
    await this.driver.wait(until.elementLocated(By.css('[data-test="task-table"][data-drawn="all"]')), TIMEOUT, '任务列表未画完整页')
  }

  async click(test, inner = '') {
    const element = await this.el(test, inner)
    await this.driver.wait(until.elementIsEnabled(element), TIMEOUT)
    await this.press(element)
  }

  /** Click, waiting out transitions (dialogs and drop-downs animate over their targets). */
  async press(element) {
    for (let attempt = 0; ; attempt++) {
      try {
        return await element.click()
      } catch (error) {
        if (error.name !== 'ElementClickInterceptedError' || attempt >= 25) throw error
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
  }

  /** Replace the text of an Element Plus input (or textarea) with data-test `test`. */
  async type(test, text) {
    // Element Plus puts data-* attributes on the native input of el-input, on the wrapper of
    // composite inputs (number inputs, sliders): accept both.
    const element = await this.el(test)
    const tag = (await element.getTagName()).toLowerCase()
    const input = tag === 'input' || tag === 'textarea' ? element : await element.findElement(By.css('input, textarea'))
    await input.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE)
    await input.sendKeys(text, Key.TAB)
  }

  /** Choose an option of an Element Plus select by its visible text. */
  async choose(test, text) {
    await this.click(test)
    const option = By.xpath(`//li[contains(@class,'el-select-dropdown__item')][normalize-space()='${text}']`)
    const element = await this.driver.wait(() => this.visible(option), TIMEOUT, `选项 ${text} 未出现`)
    await this.press(element)
  }

  /** Click a visible button of the open dialog or message box by its text. */
  async button(text) {
    const locator = By.xpath(`//div[contains(@class,'el-message-box') or contains(@class,'el-dialog')]//button[normalize-space()='${text}']`)
    const element = await this.driver.wait(() => this.visible(locator), TIMEOUT, `按钮 ${text} 未出现`)
    await this.press(element)
  }

  /** The rendered text of an element (innerText: WebKitWebDriver's getText skips table cells). */
  /** The first displayed element matching `locator`, or false (while the page is re-rendering too). */
  async visible(locator) {
    try {
      for (const candidate of await this.driver.findElements(locator)) if (await candidate.isDisplayed()) return candidate
    } catch {
      // An element detached mid-query: try again on the next poll.
    }
    return false
  }

  async text(test) {
    return this.innerText(await this.el(test))
  }

  async innerText(element) {
    return String(await this.driver.executeScript('return arguments[0].innerText', element)).trim()
  }

  async waitText(test, predicate, message) {
    let last = ''
    await this.driver.wait(async () => {
      try {
        last = await this.innerText(await this.driver.findElement(By.css(`[data-test="${test}"]`)))
        return predicate(last)
      } catch {
        return false
      }
    }, TIMEOUT, `${message}（最后看到：${last}）`)
    return last
  }

  async go(hash) {
    await this.driver.executeScript(`window.location.hash = ${JSON.stringify(hash)}`)
  }

  /** Call a backend command directly from the page, as a hostile script would. */
  async invoke(command, args) {
    return this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((value) => done({ ok: value }), (error) => done({ error }))`,
      command,
      args,
    )
  }

  async screenshot(name) {
    mkdirSync(screenshots, { recursive: true })
    await new Promise((resolve) => setTimeout(resolve, 600))
    writeFileSync(join(screenshots, `${name}.png`), await this.driver.takeScreenshot(), 'base64')
  }

  /** A picture of the manual (docs/manual/images/`name`.png): every run takes them again, so
   *  the manual shows the screens of the build it ships with. */
  async manualPicture(name) {
    // Toasts of earlier steps would stand over the screen the manual explains.
    const hide = "const s = document.createElement('style'); s.id = 'tz-manual-picture'; s.textContent = '.el-message { display: none !important; }'; document.head.append(s)"
    await this.driver.executeScript(hide)
    try {
      await this.screenshot(`manual-${name}`)
    } finally {
      await this.driver.executeScript("document.getElementById('tz-manual-picture')?.remove()")
    }
    mkdirSync(manualImages, { recursive: true })
    copyFileSync(join(screenshots, `manual-${name}.png`), join(manualImages, `${name}.png`))
  }
}

async function waitForPort(port) {
  const { createConnection } = await import('node:net')
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end()
        resolve(true)
      })
      socket.on('error', () => resolve(false))
    })
    if (open) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`tauri-driver 未在端口 ${port} 上启动`)
}

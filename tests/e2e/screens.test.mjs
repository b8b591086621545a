// The app on the screens county offices have: 1024×768, 1366×768 and 1920×1080. On each the
// window is sized to the screen; at 1024×768 nothing of the header, the menu, the task table's
// columns or the progress form lies outside the window. Screenshots of each go to docs/screenshots.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { App, root, screenshots } from './app.mjs'

const dataHome = mkdtempSync(join(tmpdir(), 'taizhang-screens-'))
const docs = join(root, 'docs', 'screenshots')
const PERIOD = '2026Q4'
let app

/** What must lie wholly inside the window: the header, the menu, dialogs and messages. */
const FIXED = ['.header > *', '.aside .el-menu-item', '.el-dialog', '.el-message'].join(', ')
/** What must never be cut at the sides (the page scrolls down to it): table columns, the form, toolbars. */
const FLOWING = [
  '[data-test="task-table"] th.el-table__cell',
  '[data-test="progress-form"] .el-form-item__label',
  '[data-test="progress-form"] .el-form-item__content > *',
  '.tz-toolbar > *',
].join(', ')

after(async () => {
  await app?.stop()
  rmSync(dataHome, { recursive: true, force: true })
})

/** Take a screenshot into docs/screenshots as `<size>-<name>.png`. */
async function keep(size, name) {
  await app.screenshot(`${size}-${name}`)
  mkdirSync(docs, { recursive: true })
  copyFileSync(join(screenshots, `${size}-${name}.png`), join(docs, `${size}-${name}.png`))
}

async function fits(size, page) {
  assert.deepEqual(await app.outsideWindow(FIXED), [], `${size} ${page}: header, menu, dialogs and messages inside the window`)
  assert.deepEqual(await app.outsideWindow(FLOWING, { scrolls: true }), [], `${size} ${page}: columns, form and toolbars not cut at the sides`)
}

/** Open the pages a clerk uses, checking each and keeping a screenshot. */
async function tour(size, check) {
  const pages = [
    ['dashboard', '#/dashboard', 'stat-total'],
    ['plan', '#/plan', 'task-count'],
    ['task', '#/task/1.1.1.2', 'progress-form'],
  ]
  for (const [name, hash, ready] of pages) {
    await app.go(hash)
    await app.el(ready)
    await keep(size, name)
    if (check) await fits(size, name)
    if (check && name === 'plan') {
      const tops = await app.driver.executeScript("return [...document.querySelectorAll('.list > .tz-toolbar:first-child :is(.el-input, .el-select, .el-button)')].filter((e) => e.offsetParent !== null).map((e) => Math.round(e.getBoundingClientRect().top))")
      assert.equal(new Set(tops).size, 1, `${size}: the search and the filters on one line (tops ${tops})`)
    }
  }
  await app.click('export')
  await app.el('export-drafts')
  if (check) await fits(size, 'export dialog')
  await keep(size, 'export')
  await app.button('取消')
}

for (const [size, check] of [['1024x768', true], ['1366x768', true], ['1920x1080', false]]) {
  test(`at ${size} the window fits the screen${check ? ' and nothing lies outside it' : ''}`, async (t) => {
    app = await new App(dataHome, { screen: size }).start()
    t.after(async () => {
      await app?.stop()
      app = null
    })
    const [width, height] = size.split('x').map(Number)
    const viewport = await app.viewport()
    assert.ok(viewport.height <= height && viewport.width <= width, `the window is within the screen: ${JSON.stringify(viewport)}`)
    assert.ok(viewport.width >= Math.min(width, 1024) - 1, `and uses its width: ${JSON.stringify(viewport)}`)
    const firstStart = await app.driver.wait(async () => {
      if ((await app.all('setup-form')).length) return 'setup'
      return (await app.all('login-form')).length ? 'login' : false
    }, 20000, 'the setup or sign-in page')
    if (firstStart === 'setup') {
      await app.click('unit-coordinator')
      for (const [field, value] of [['setup-username', 'admin'], ['setup-display-name', '王主任'], ['setup-password', 'admin-pass-1'], ['setup-confirm', 'admin-pass-1']]) await app.type(field, value)
      await app.click('setup-submit')
      await app.click('recovery-kept')
      await app.click('recovery-done')
      await app.el('user')
      assert.ok((await app.invoke('create_period', { key: PERIOD })).ok, 'a period to show')
      await app.driver.navigate().refresh()
      await app.el('user')
    } else {
      await app.type('login-username', 'admin')
      await app.type('login-password', 'admin-pass-1')
      await app.click('login-submit')
      await app.el('user')
    }
    await tour(size, check)
  })
}

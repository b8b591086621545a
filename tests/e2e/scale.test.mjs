// The real app on a plan ten times the seed (1,380 sub-items, a year of progress from every
// department), the database the bench generates (`cargo xtask bench` writes target/bench/x10;
// TAIZHANG_E2E_SCALE=100 runs this on its ×100 database instead). Times from launch to the
// signed-in 工作台 and the first screen of 任务分解表 and 我的任务; search answers; and the window
// keeps serving clicks while a county summary is exported. Times are printed, not asserted (the
// targets are for ×100: the bench's business); what is asserted is what a clerk sees.
import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { App, root } from './app.mjs'

const FACTOR = Number(process.env.TAIZHANG_E2E_SCALE ?? 10)
const PERIOD = '2026Q4'
const dataHome = mkdtempSync(join(tmpdir(), 'taizhang-e2e-scale-'))
const files = mkdtempSync(join(tmpdir(), 'taizhang-e2e-scale-files-'))
let app

after(async () => {
  await app?.stop()
  rmSync(dataHome, { recursive: true, force: true })
  rmSync(files, { recursive: true, force: true })
})

/** The bench's database of this size, copied in as the app's own. */
function installDatabase() {
  const source = join(root, 'target', 'bench', `x${FACTOR}`, 'full.db')
  assert.ok(existsSync(source), `${source} 不存在：请先运行 cargo xtask bench${FACTOR === 100 ? ' --full' : ''}（它生成 ×${FACTOR} 的数据库）`)
  const folder = join(dataHome, 'cn.taizhang.app')
  mkdirSync(folder, { recursive: true })
  copyFileSync(source, join(folder, 'taizhang.db'))
}

/** Print a time beside the issue's target for ×100; with `wall`, WebDriver's own time beside the
 *  page's (the page's runs from the click to the frame that shows the result). */
/** Print a time; `target` is the issue's target at ×100, null where it sets none. */
function timing(t, what, ms, target, wall) {
  const driver = wall === undefined ? '' : `WebDriver 往返计入为 ${wall} ms`
  const notes = [target === null ? '' : `×100 目标 ≤ ${target} ms`, driver].filter(Boolean).join('；')
  t.diagnostic(`计时 ×${FACTOR} ${what}：${ms} ms${notes ? `（${notes}）` : ''}`)
}

/** When the app's process started, in ms since the epoch (from /proc: launch, not the driver's start). */
function processStart() {
  const pid = execFileSync('pgrep', ['-n', '-f', 'target/release/taizhang-desktop|taizhang-desktop$'], { encoding: 'utf8' }).trim()
  const ticks = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19])
  const hertz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }))
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0])
  return Date.now() - (uptime - ticks / hertz) * 1000
}

/** The number in 共 N 个 of the page's count. */
async function count() {
  const text = await app.text('task-count')
  return Number(/共 (\d+) 个/.exec(text)?.[1])
}

test(`×${FACTOR}: set up on the bench's database, then from launch to the signed-in 工作台`, async (t) => {
  installDatabase()
  app = await new App(dataHome).start()
  await app.setUpCoordinator()
  const account = { username: 'nyj', role: 'department', department: '农业局', password: 'nyj-pass-1' }
  assert.ok((await app.invoke('create_account', { input: account })).ok, 'an account for 农业局')
  await app.stop()
  app = await new App(dataHome).start()
  await app.el('login-form')
  const toSignIn = Date.now() - processStart()
  await app.type('login-username', 'admin')
  await app.type('login-password', 'admin-pass-1')
  await app.timeNextClick(`document.querySelector('[data-test="stat-total"]')`)
  const clicked = Date.now()
  await app.click('login-submit')
  await app.el('stat-total')
  const wall = Date.now() - clicked
  const toDashboard = await app.clickToFrame()
  timing(t, '启动到登录页', Math.round(toSignIn), 2000)
  timing(t, '登录到工作台', toDashboard, 2000, wall)
  timing(t, '启动到工作台（不计输入用户名密码）', Math.round(toSignIn + toDashboard), 2000)
  assert.equal(Number.parseInt(await app.text('stat-total'), 10), 138 * FACTOR, `the 工作台 counts ${138 * FACTOR} sub-items`)
  // It lists the first overdue tasks and links to all of them: 任务分解表 filtered by 红色预警.
  const red = Number.parseInt(await app.text('stat-red'), 10)
  assert.ok(red > 10, `more overdue tasks than the 工作台 lists: ${red}`)
  assert.match(await app.text('all-overdue'), new RegExp(`全部 ${red} 项`))
  await app.click('all-overdue')
  await app.waitText('task-count', (text) => text.includes(`共 ${red} 个小项`), 'the list of every overdue task')
  await app.click('menu-plan')
  await app.waitText('task-count', (text) => text.includes(`共 ${138 * FACTOR} 个小项`), 'the menu opens the whole list again')
  await app.click('menu-dashboard')
  await app.el('stat-total')
})

test(`×${FACTOR}: 任务分解表 shows its first page at once, and search answers`, async (t) => {
  const listShown = `document.querySelector('[data-test="task-code"]') && document.querySelector('[data-test="task-count"]')?.textContent.includes('共 ${138 * FACTOR} 个小项')`
  await app.timeNextClick(listShown)
  const started = Date.now()
  await app.click('menu-plan')
  await app.waitText('task-count', (text) => text.includes(`共 ${138 * FACTOR} 个小项`), 'every sub-item counted')
  await app.el('task-code')
  timing(t, '任务分解表首屏', await app.clickToFrame(), 1000, Date.now() - started)
  const rows = await app.all('task-code')
  assert.ok(rows.length > 0 && rows.length <= 100, `one page of rows drawn, not all ${138 * FACTOR}: ${rows.length}`)
  assert.match(await app.text('task-pager'), new RegExp(`共 ${138 * FACTOR} 条`), 'the pager names the whole list')
  // The tree is virtualized: of its articles only those in view are drawn; one opens on its clauses.
  const tree = (selector) => app.driver.executeScript(`return [...document.querySelectorAll('[data-test="plan-tree"] ${selector}')].map((n) => n.dataset.key)`)
  const drawn = await tree('.el-tree-node')
  assert.ok(drawn.length > 0 && drawn.length < 13 * FACTOR, `a screenful of the ${13 * FACTOR} articles drawn: ${drawn.length}`)
  await app.driver.executeScript(`document.querySelector('[data-test="plan-tree"] [data-key="1"] .el-tree-node__expand-icon').click()`)
  await app.driver.wait(async () => (await tree('.el-tree-node')).includes('1.1'), 10000, 'article 1 opens on clause 1.1')
  // The seed's 农膜 sub-items, once in every copy of the seed's articles.
  const typed = Date.now()
  await app.type('filter-query', '农膜')
  await app.waitText('task-count', (text) => !text.includes(`共 ${138 * FACTOR} 个`), 'the search narrows the list')
  timing(t, '搜索“农膜”', Date.now() - typed, 1000)
  const found = await count()
  const expected = (await app.invoke('task_rows', { period: PERIOD, filter: { query: '农膜' } })).ok.length
  assert.equal(found, expected, 'the page shows what the backend finds')
  assert.ok(found > 0 && found % FACTOR === 0, `the seed's 农膜 sub-items in each of the ${FACTOR} copies: ${found}`)
  for (const code of await Promise.all((await app.all('task-code')).map((e) => app.innerText(e)))) assert.match(code, /^\d+\./, code)
})

test(`×${FACTOR}: the window serves a click while the county summary is exported`, async (t) => {
  await app.type('filter-query', '')
  const out = join(files, '全县汇总.xlsx')
  let served = null
  // Up to three tries: the export must still be running when the other page has drawn its data.
  // At ×10 one summary is written in well under a second, sooner than a page is drawn on a slow
  // run, so the window asks for a few in a row and the backend stays busy while the click is served.
  for (let attempt = 0; attempt < 3 && !served; attempt++) {
    await app.driver.executeScript(
      `window.__export = { done: false }
       const exportSummary = (left) => window.__TAURI_INTERNALS__.invoke('export_report', { request: { kind: 'summary', period: arguments[0], unit: '梨树县环保局' }, path: arguments[1] })
         .then((outcome) => (left > 1 ? exportSummary(left - 1) : outcome))
       exportSummary(arguments[2]).then((outcome) => (window.__export = { done: true, outcome }), (error) => (window.__export = { done: true, error }))`,
      PERIOD,
      out,
      FACTOR >= 100 ? 1 : 4,
    )
    await app.timeNextClick(`document.querySelector('[data-test="period-key"]')`)
    const clicked = Date.now()
    await app.click('menu-periods')
    await app.el('period-key')
    const pending = !(await app.driver.executeScript('return window.__export.done'))
    const inPage = await app.clickToFrame()
    const wall = Date.now() - clicked
    t.diagnostic(`第 ${attempt + 1} 次：点击“报告期”后 ${inPage} ms 页面已显示（WebDriver 往返计入为 ${wall} ms），导出${pending ? '仍在进行' : '已结束'}`)
    if (pending) served = { inPage, wall }
    const result = await app.driver.wait(() => app.driver.executeScript('return window.__export.done && window.__export'), 120000, 'the export ends')
    assert.ok(result.outcome, `the export succeeds: ${JSON.stringify(result.error)}`)
    assert.equal(result.outcome.rows, 138 * FACTOR, 'every sub-item exported')
    await app.click('menu-plan')
    await app.el('task-code')
  }
  assert.ok(served !== null, 'the 报告期 page drew its data while the export was still running')
  // The issue sets no time here: the click must be served while the export runs.
  timing(t, '导出期间切换菜单', served.inPage, null, served.wall)
})

test(`×${FACTOR}: 我的任务 of 农业局 shows its first page at once`, async (t) => {
  await app.driver.executeScript("document.querySelector('[data-test=\"sign-out\"]').click()")
  await app.el('login-form')
  await app.signIn('nyj', 'nyj-pass-1')
  await app.timeNextClick(`document.querySelector('[data-test="task-code"]')`)
  const started = Date.now()
  await app.click('menu-mine')
  await app.el('task-code')
  timing(t, '我的任务首屏', await app.clickToFrame(), 1000, Date.now() - started)
  const expected = (await app.invoke('task_rows', { period: PERIOD, filter: { department: '农业局' } })).ok.length
  assert.equal(expected, 66 * FACTOR, `农业局's 66 sub-items of the seed in each of the ${FACTOR} copies`)
  assert.equal(await count(), expected, 'all counted')
  assert.ok((await app.all('task-code')).length <= 100, 'one page drawn')
})

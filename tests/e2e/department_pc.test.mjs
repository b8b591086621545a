// A department's own PC, end to end: its head sets it up and keeps the recovery code, makes a
// clerk's account, reopens the clerk's submission before it goes upward (with a reason, in the
// log), sets a new password with the recovery code, and the PC signs out when left idle.
import { after, afterEach, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { By } from 'selenium-webdriver'
import { App } from './app.mjs'

const dataHome = mkdtempSync(join(tmpdir(), 'taizhang-e2e-department-'))
let app
let recoveryCode = ''

async function signOut() {
  await app.driver.executeScript("document.querySelector('[data-test=\"sign-out\"]').click()")
  await app.el('login-form')
}

/** Keep the recovery code dialog's code and close it as the user does. */
async function keepRecoveryCode() {
  const code = await app.text('recovery-code')
  await app.click('recovery-kept')
  await app.click('recovery-done')
  return code
}

before(async () => {
  app = await new App(dataHome).start()
})

let step = 0
afterEach(async () => {
  step += 1
  await app?.screenshot(`department-after-${step}`).catch(() => undefined)
})

after(async () => {
  await app?.stop()
  rmSync(dataHome, { recursive: true, force: true })
})

test('a department PC: its head sets it up, keeps the recovery code and makes a clerk account', async () => {
  await app.el('setup-form')
  await app.choose('setup-department', '农业农村局（原农业局）')
  await app.type('setup-username', 'head')
  await app.type('setup-display-name', '王科长')
  await app.type('setup-password', 'head-pass-1')
  await app.type('setup-confirm', 'head-pass-1')
  await app.manualPicture('setup-department')
  await app.click('setup-submit')
  recoveryCode = await keepRecoveryCode()
  assert.match(recoveryCode, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/, 'the code to print')
  assert.ok((await app.invoke('create_period', { key: '2026Q4' })).ok, 'a department PC opens its own period')
  await app.driver.navigate().refresh()
  await app.el('user')
  await app.click('menu-accounts')
  await app.click('account-new')
  await app.type('account-username', 'clerk')
  await app.type('account-display-name', '李四')
  await app.type('account-reporter', '李四')
  await app.type('account-password', 'clerk-pass-1')
  await app.click('account-create')
  await app.waitText('account-table', (t) => t.includes('clerk') && t.includes('正常'), 'the clerk account is listed')
  await signOut()
})

test('the clerk submits; the head reopens it with a reason before it is handed upward', async () => {
  await app.signIn('clerk', 'clerk-pass-1')
  assert.equal((await app.all('menu-accounts')).length, 0, 'a clerk manages no accounts')
  await app.go('#/task/1.1.1.2')
  await app.el('progress-form')
  await app.driver.findElement(By.xpath("//label[contains(@class,'el-radio-button')][normalize-space()='序时推进']")).click()
  await app.type('form-progress', '已完成 3 个乡镇的耕地质量调查')
  await app.type('form-phone', '0434-5223456')
  await app.click('submit')
  await app.button('报送')
  await app.waitText('history', (t) => t.includes('已报送'), 'submitted')
  assert.equal((await app.all('reopen')).length, 0, 'a clerk cannot reopen it')
  await signOut()

  await app.signIn('head', 'head-pass-1')
  await app.go('#/task/1.1.1.2')
  await app.click('reopen')
  const reason = await app.driver.wait(() => app.visible(By.css('.el-message-box input')), 10000, 'the reason is asked for')
  await reason.sendKeys('面积应为 1.2 万亩')
  await app.button('退回')
  await app.waitText('history', (t) => t.includes('第 2 版'), 'a new editable version')
  assert.equal((await app.all('read-only')).length, 0, 'the form is editable again')
  await app.click('menu-audit')
  await app.waitText('audit-table', (t) => t.includes('退回修改') && t.includes('面积应为 1.2 万亩') && t.includes('head'), 'logged with the reason and who')
  await signOut()
})

test('a forgotten administrator password is set anew with the printed recovery code', async () => {
  await app.click('login-forgot')
  await app.type('recovery-username', 'head')
  await app.type('recovery-input', recoveryCode.toLowerCase())
  await app.type('recovery-password', 'head-pass-2')
  await app.type('recovery-confirm', 'head-pass-2')
  await app.click('recovery-submit')
  const next = await keepRecoveryCode()
  assert.notEqual(next, recoveryCode, 'a new code replaces the used one')
  await app.el('user')
  await signOut()
  await app.signIn('head', 'head-pass-2')
})

test('left idle for the minute its administrator set, the PC signs out', async () => {
  await app.click('menu-settings')
  await app.type('settings-idle', '1')
  await app.click('settings-save')
  await app.driver.wait(async () => (await app.invoke('get_settings', {})).ok?.idle_minutes === 1, 10000, 'saved as 1 minute')
  const started = Date.now()
  const reason = await app.driver.wait(async () => {
    const shown = await app.all('signed-out-reason')
    return shown.length ? app.innerText(shown[0]) : false
  }, 100000, 'signed out after a minute idle')
  assert.match(reason, /超过 1 分钟未操作/, `the sign-in page says why: ${reason}`)
  assert.ok(Date.now() - started >= 50000, 'not before the minute was up')
  const direct = await app.invoke('plan_tree', {})
  assert.equal(direct.error?.code, 'not_signed_in', 'the backend has signed out too')
})

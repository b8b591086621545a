// 帮助 and 关于 as offices meet them, on a PC of its own: the bundled manual opens in the app with
// every picture, 关于 names the version and the folders, both also before sign-in; and the
// manual's pictures of a clerk's screens (the form, the export dialog, backups) are taken again.
import { after, afterEach, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { By } from 'selenium-webdriver'
import { App, root } from './app.mjs'

const dataHome = mkdtempSync(join(tmpdir(), 'taizhang-e2e-manual-'))
let app

async function signOut() {
  await app.driver.executeScript("document.querySelector('[data-test=\"sign-out\"]').click()")
  await app.el('login-form')
}

before(async () => {
  app = await new App(dataHome).start()
  await app.setUpCoordinator()
  assert.ok((await app.invoke('create_period', { key: '2026Q4' })).ok, 'the period')
  const account = { username: 'nyj', role: 'department', department: '农业局', password: 'nyj-pass-1', reporter: '李四', phone: '0434-5223456' }
  assert.ok((await app.invoke('create_account', { input: account })).ok, 'an account for 农业局')
  await app.driver.navigate().refresh()
  await app.el('user')
})

afterEach(async () => {
  await app?.screenshot('manual-after').catch(() => undefined)
})

after(async () => {
  await app?.stop()
  rmSync(dataHome, { recursive: true, force: true })
})

test('帮助 shows the bundled manual with its pictures; 关于 names the version and the data folders', async () => {
  await app.click('menu-backup')
  await app.waitText('backup-table', (t) => t.includes('每日自动备份'), 'the first start\'s backup is listed')
  await app.manualPicture('backup')
  await app.driver.executeScript("document.querySelector('[data-test=\"about\"]').click()")
  const version = execFileSync(join(root, 'target', 'debug', 'taizhang'), ['--version'], { encoding: 'utf8' }).trim().split(/\s+/).pop()
  await app.waitText('about-version', (t) => t === version, `关于 shows version ${version}`)
  assert.ok((await app.text('about-data-folder')).startsWith(join(dataHome, 'cn.taizhang.app')), 'the data folder is this PC\'s')
  assert.ok((await app.text('about-backup-folder')).endsWith('backups'), 'and the backups beside it')
  await app.manualPicture('about')
  await app.click('about-close')
  await signOut()
  // Before sign-in too: the manual and 关于 are under the sign-in form.
  await app.click('open-about')
  await app.waitText('about-version', (t) => t === version, 'the sign-in page\'s 关于 names the version')
  await app.click('about-close')
  await app.click('open-manual')
  await app.el('manual-frame')
  await app.driver.executeScript("document.querySelector('[data-test=\"manual-dialog\"] .el-dialog__headerbtn, .manual-dialog .el-dialog__headerbtn').click()")
  await app.signIn('nyj', 'nyj-pass-1')
  await app.go('#/task/1.1.1.3')
  await app.el('progress-form')
  await app.driver.findElement(By.xpath("//label[contains(@class,'el-radio-button')][normalize-space()='序时推进']")).click()
  await app.type('form-percent', '45')
  await app.type('form-progress', '已在三个乡镇开展黑土地保护性耕作示范，推广秸秆覆盖还田 1.2 万亩。')
  await app.type('form-next', '秋收后扩大示范面积，完成全县耕地质量等级调查。')
  await app.manualPicture('task-detail')
  await app.click('save-draft')
  await app.waitText('history', (t) => t.includes('第 1 版'), '草稿保存为第 1 版')
  await app.click('export')
  const report = By.xpath("//label[contains(@class,'el-radio')][contains(normalize-space(),'部门工作进展情况表')]")
  await app.press(await app.driver.wait(() => app.visible(report), 10000, 'the export dialog offers the department sheet'))
  await app.manualPicture('export')
  await app.button('取消')
  await app.click('help')
  const frame = await app.el('manual-frame')
  await app.driver.switchTo().frame(frame)
  try {
    const manual = await app.driver.wait(async () => {
      const text = await app.driver.executeScript('return document.body ? document.body.innerText : ""')
      return text.includes('部门填报人员') && text.includes('汇总单位') ? text : false
    }, 20000, 'the manual opens inside the app')
    assert.match(manual, /填写与报送进展/, 'it covers filling in and submitting')
    await app.driver.wait(() => app.driver.executeScript('return [...document.images].every((i) => i.complete)'), 10000, 'the pictures load')
    const pictures = await app.driver.executeScript("return [...document.images].map((i) => ({ src: i.getAttribute('src'), drawn: i.naturalWidth > 0 }))")
    assert.ok(pictures.length >= 10, `the manual shows its screenshots: ${pictures.length}`)
    assert.deepEqual(pictures.filter((p) => !p.drawn), [], 'every picture is bundled with the app')
  } finally {
    await app.driver.switchTo().defaultContent()
  }
})

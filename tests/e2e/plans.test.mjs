// Plans side by side and revisions, in the real app: a second plan is imported beside the first
// and the header's switcher shows one or the other (or both); a revision of the first shows its
// diff before it is applied, carries the progress over and lists the sub-item it removed.
import { after, afterEach, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { App, root } from './app.mjs'

const dataHome = mkdtempSync(join(tmpdir(), 'taizhang-e2e-plans-'))
const files = mkdtempSync(join(tmpdir(), 'taizhang-e2e-plan-files-'))
const seed = readFileSync(join(root, 'seeds', 'lishu_soil_plan_2017.txt'), 'utf8')
let app

/** The seed as another county plan (水污染防治): a plan of its own. */
const waterPlan = join(files, '水污染防治任务分解表.txt')
/** The seed revised: 1.2.1.3 removed, a sub-item inserted before 1.1.1.2, a deadline moved. */
const revision = join(files, '土壤污染防治任务分解表（修订）.txt')

function writeFiles() {
  writeFileSync(waterPlan, seed.replace('梨树县土壤污染防治行动计划任务分解表', '梨树县水污染防治行动计划任务分解表'))
  const lines = seed.split('\n')
  const at = (start) => lines.findIndex((l) => l.startsWith(start))
  // A row is seven cells; a sub-item row starts four cells (lines) before its sub-item cell.
  lines.splice(at('\t3、国土资源管理部门负责管理剥离') - 4, at('\t4、剥离的耕作层土壤原则上') - at('\t3、国土资源管理部门负责管理剥离'))
  lines.splice(at('\t2、培育肥力、改良土壤') - 4, 0, '\t', '\t', '\t', '\t', '\t2、开展黑土地保护宣传，普及保护性耕作知识。', '\t2、农业局牵头。', '\t负责开展黑土地保护宣传。', '')
  writeFileSync(revision, lines.join('\n').replace('\t3、2020年底前，实现土壤环境质量监测点位全覆盖。', '\t3、2021年底前，实现土壤环境质量监测点位全覆盖。'))
}

/** Import a plan file from the 计划管理 page: type its path, preview, confirm. */
async function importPlan(path, expectInPreview) {
  await app.click('menu-plans')
  await app.type('plan-path', path)
  await app.click('plan-preview-button')
  const preview = await app.waitText('plan-preview', expectInPreview, `the preview of ${path}`)
  return preview
}

before(async () => {
  writeFiles()
  app = await new App(dataHome).start()
  await app.setUpCoordinator()
  assert.ok((await app.invoke('create_period', { key: '2026Q4' })).ok, 'a period')
  await app.driver.navigate().refresh()
  await app.el('user')
})

let step = 0
afterEach(async () => {
  step += 1
  await app?.screenshot(`plans-after-${step}`).catch(() => undefined)
})

after(async () => {
  await app?.stop()
  rmSync(dataHome, { recursive: true, force: true })
  rmSync(files, { recursive: true, force: true })
})

test('a second plan is imported beside the first; the switcher shows either, or both at once', async () => {
  const saved = await app.invoke('save_progress', { input: { code: '1.1.1.2', department: '农业局', period: '2026Q4', status: '序时推进', percent: 40, opened_version: 0 } })
  assert.ok(saved.ok, `progress on the soil plan: ${JSON.stringify(saved.error)}`)
  await importPlan(waterPlan, (t) => t.includes('将作为新的计划导入'))
  await app.click('plan-confirm')
  await app.waitText('plans-table', (t) => t.includes('梨树县水污染防治行动计划任务分解表') && t.includes('梨树县土壤污染防治行动计划任务分解表'), 'both plans listed')
  await app.click('menu-plan')
  await app.waitText('plan-name', (t) => t.includes('水污染'), 'the imported plan is shown')
  await app.choose('plan-switcher', '梨树县土壤污染防治行动计划任务分解表')
  await app.waitText('plan-name', (t) => t.includes('土壤污染'), 'switched back to the first plan')
  const soil = await app.invoke('progress_record', { code: '1.1.1.2', department: '农业局', period: '2026Q4' })
  assert.equal(soil.ok?.history.length, 1, 'the first plan kept its progress and is the one shown')
  await app.choose('plan-switcher', '全部计划')
  await app.click('menu-dashboard')
  const both = await app.invoke('task_rows', { period: '2026Q4', filter: { all_plans: true } })
  assert.equal(both.ok?.length, 276, 'every plan at once: 2 × 138 sub-items')
  await app.screenshot('10-plan-switcher')
  await app.choose('plan-switcher', '梨树县土壤污染防治行动计划任务分解表')
})

test('a revision shows its diff before it is applied, keeps progress and lists what it removed', async () => {
  const preview = await importPlan(revision, (t) => t.includes('修订版'))
  assert.match(preview, /第2版/, 'version 2')
  assert.match(await app.text('changes-added'), /1\.1\.1\.2/, 'the inserted sub-item')
  assert.match(await app.text('changes-removed'), /1\.2\.1\.3/, 'the removed sub-item')
  assert.match(await app.text('changes-moved'), /1\.1\.1\.2 → 1\.1\.1\.3/, 'renumbered, matched by text')
  assert.match(await app.text('changes-deadlines'), /3\.2\.1\.3/, 'the deadline moved')
  await app.screenshot('11-plan-revision-diff')
  await app.manualPicture('plans-revision')
  await app.click('plan-confirm')
  await app.waitText('plans-table', (t) => t.includes('已被新版本取代') && t.includes('第2版'), 'version 1 kept as superseded')
  await app.waitText('removed-tasks', (t) => t.includes('1.2.1.3'), 'the removed sub-item is listed')
  const carried = await app.invoke('progress_record', { code: '1.1.1.3', department: '农业局', period: '2026Q4' })
  assert.equal(carried.ok?.history[0]?.percent, 40, 'the progress of 1.1.1.2 now belongs to 1.1.1.3')
  await app.go('/task/1.1.1.3?department=农业局')
  await app.waitText('history', (t) => t.includes('序时推进'), 'the carried version is in the task history')
})

// The views of the signed-in app. Setup and sign-in are shown by App.vue before the router.
import { createRouter, createWebHashHistory } from 'vue-router'
import DashboardView from './views/DashboardView.vue'
import PlanView from './views/PlanView.vue'
import MyTasksView from './views/MyTasksView.vue'
import TaskDetailView from './views/TaskDetailView.vue'
import PeriodsView from './views/PeriodsView.vue'
import DepartmentsView from './views/DepartmentsView.vue'
import AccountsView from './views/AccountsView.vue'
import AuditView from './views/AuditView.vue'
import SettingsView from './views/SettingsView.vue'
import ReceiveView from './views/ReceiveView.vue'
import BackupView from './views/BackupView.vue'
import PlansView from './views/PlansView.vue'
import HelpView from './views/HelpView.vue'
import { mayLeave } from './unsaved'

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/dashboard' },
    { path: '/dashboard', component: DashboardView, meta: { title: '工作台' } },
    { path: '/plan', component: PlanView, meta: { title: '任务分解表' } },
    { path: '/mine', component: MyTasksView, meta: { title: '我的任务' } },
    { path: '/task/:code', component: TaskDetailView, meta: { title: '任务详情' } },
    { path: '/receive', component: ReceiveView, meta: { title: '报表接收' } },
    { path: '/periods', component: PeriodsView, meta: { title: '报告期' } },
    { path: '/plans', component: PlansView, meta: { title: '计划管理' } },
    { path: '/departments', component: DepartmentsView, meta: { title: '部门管理' } },
    { path: '/accounts', component: AccountsView, meta: { title: '账户管理' } },
    { path: '/audit', component: AuditView, meta: { title: '操作日志' } },
    { path: '/backup', component: BackupView, meta: { title: '备份与恢复' } },
    { path: '/settings', component: SettingsView, meta: { title: '设置' } },
    { path: '/help', component: HelpView, meta: { title: '使用手册' } },
  ],
})

// Leaving a page with unsaved typing asks first (保存草稿 / 放弃 / 取消).
router.beforeEach(async () => (await mayLeave()) || false)

// Entry point: Element Plus in Chinese, the router, the root component. Everything is bundled;
// nothing is fetched at run time.
import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router'
import './style.css'

import { ElMessage } from 'element-plus'
import { errorMessage, ShownError } from './api'

const app = createApp(App)
// A command's error was shown where it happened (api.ts); a dismissed confirmation is no error.
// Anything else is a fault of the UI itself, shown rather than lost.
app.config.errorHandler = (error) => {
  if (error instanceof ShownError || error === 'cancel' || error === 'close') return
  ElMessage.error(errorMessage(error))
  console.error(error)
}
app.use(ElementPlus, { locale: zhCn }).use(router).mount('#app')

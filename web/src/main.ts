import 'element-plus/dist/index.css'
import './styles.css'
import ElementPlus from 'element-plus'
import * as Icons from '@element-plus/icons-vue'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { onUnauthenticated, setApiLanguage } from './api/client'
import { i18n } from './i18n'
import { router } from './router'
import { useSession } from './stores/session'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(router)
app.use(ElementPlus)
for (const [name, component] of Object.entries(Icons)) app.component(`Icon${name}`, component)

setApiLanguage(i18n.global.locale.value)
onUnauthenticated(() => {
  const session = useSession(pinia)
  if (!session.signedIn) return
  session.forget()
  const here = router.currentRoute.value
  if (here.name !== 'login') void router.push({ name: 'login', query: { next: here.fullPath, ended: '1' } })
})

app.mount('#app')

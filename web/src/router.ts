// Pages in history mode (the server answers index.html for any page path). Signed-out users go to /login and
// come back; pages name the permission they need.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { catalogRoutes } from '@/modules/catalog/routes'
import { contractRoutes } from '@/modules/contracts/routes'
import { deliveryRoutes } from '@/modules/delivery/routes'
import { repairRoutes } from '@/modules/repair/routes'
import { useSession } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    permission?: string
    title?: string
    public?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/components/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue'), meta: { title: 'app.home' } },
      ...catalogRoutes,
      ...repairRoutes,
      ...contractRoutes,
      ...deliveryRoutes,
      {
        path: 'documents/:resource([a-z0-9-]+)/:id(\\d+)',
        name: 'document',
        component: () => import('@/pages/DocumentPage.vue'),
      },
      {
        path: 'documents/:resource([a-z0-9-]+)/:id(\\d+)/print',
        name: 'document-print',
        component: () => import('@/pages/DocumentPrintPage.vue'),
      },
      { path: 'forbidden', name: 'forbidden', component: () => import('@/pages/ForbiddenPage.vue') },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSession()
  if (!session.loaded) await session.load().catch(() => false)
  if (to.meta.public) return true
  if (!session.signedIn) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (!session.can(to.meta.permission)) return { name: 'forbidden' }
  return true
})

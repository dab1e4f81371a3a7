import type { RouteRecordRaw } from 'vue-router'
import type { MenuEntry } from '@/menu'

export const repairRoutes: RouteRecordRaw[] = [
  { path: '/repairs', name: 'repairs', component: () => import('./RepairList.vue'), meta: { permission: 'repairs.read' } },
  { path: '/repairs/new', name: 'repair-new', component: () => import('./RepairRegister.vue'), meta: { permission: 'repairs.register' } },
  { path: '/repairs/:id(\\d+)', name: 'repair', component: () => import('./RepairDetail.vue'), meta: { permission: 'repairs.read' } },
  {
    path: '/repairs/:id(\\d+)/print/:kind(form|receipt|slip)',
    name: 'repair-print',
    component: () => import('./RepairPrint.vue'),
    meta: { permission: 'repairs.read' },
  },
  { path: '/my-visits', name: 'my-visits', component: () => import('./MyVisits.vue'), meta: { permission: 'repairs.read' } },
]

export const repairMenu: MenuEntry = {
  key: 'repair',
  title: 'repair.menu',
  icon: 'Tools',
  children: [
    { key: 'repairs', title: 'repair.tickets', to: '/repairs', permission: 'repairs.read' },
    { key: 'repair-new', title: 'repair.register', to: '/repairs/new', permission: 'repairs.register' },
    { key: 'my-visits', title: 'repair.myVisits', to: '/my-visits', permission: 'repairs.visit' },
  ],
}

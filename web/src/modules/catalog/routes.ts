// The catalog's pages and menu entries.
import type { RouteRecordRaw } from 'vue-router'
import type { MenuEntry } from '@/menu'

export const catalogRoutes: RouteRecordRaw[] = [
  {
    path: '/customers',
    name: 'customers',
    component: () => import('./CustomerList.vue'),
    meta: { permission: 'catalog.read', title: 'catalog.customers' },
  },
  {
    path: '/customers/:id(\\d+)',
    name: 'customer',
    component: () => import('./CustomerDetail.vue'),
    meta: { permission: 'catalog.read', title: 'catalog.customer.title' },
  },
  {
    path: '/products',
    name: 'products',
    component: () => import('./ProductList.vue'),
    meta: { permission: 'catalog.read', title: 'catalog.products' },
  },
]

export const catalogMenu: MenuEntry = {
  key: 'catalog',
  title: 'catalog.menu',
  icon: 'User',
  children: [
    { key: 'customers', title: 'catalog.customers', to: '/customers', permission: 'catalog.read' },
    { key: 'products', title: 'catalog.products', to: '/products', permission: 'catalog.read' },
  ],
}

import type { RouteRecordRaw } from 'vue-router'
import type { MenuEntry } from '@/menu'

export const contractRoutes: RouteRecordRaw[] = [
  { path: '/contracts', name: 'contracts', component: () => import('./ContractList.vue'), meta: { permission: 'contracts.read' } },
  { path: '/contracts/new', name: 'contract-new', component: () => import('./ContractEntry.vue'), meta: { permission: 'contracts.write' } },
  { path: '/contracts/:id(\\d+)', name: 'contract', component: () => import('./ContractDetail.vue'), meta: { permission: 'contracts.read' } },
  { path: '/contracts/:id(\\d+)/print', name: 'contract-print', component: () => import('./ContractPrint.vue'), meta: { permission: 'contracts.read' } },
  { path: '/order-board', name: 'order-board', component: () => import('./OrderBoard.vue'), meta: { permission: 'contracts.read' } },
  { path: '/factory-orders/:id(\\d+)', name: 'factory-order', component: () => import('./FactoryOrderDetail.vue'), meta: { permission: 'contracts.read' } },
  { path: '/stock', name: 'stock', component: () => import('./StockList.vue'), meta: { permission: 'stock.read' } },
]

export const contractMenu: MenuEntry = {
  key: 'contracts',
  title: 'contracts.menu',
  icon: 'Document',
  children: [
    { key: 'contracts', title: 'contracts.list', to: '/contracts', permission: 'contracts.read' },
    { key: 'contract-new', title: 'contracts.enter', to: '/contracts/new', permission: 'contracts.write' },
    { key: 'order-board', title: 'contracts.board', to: '/order-board', permission: 'factory_orders.write' },
    { key: 'stock', title: 'contracts.stock', to: '/stock', permission: 'stock.read' },
  ],
}

import type { RouteRecordRaw } from 'vue-router'
import type { MenuEntry } from '@/menu'

export const deliveryRoutes: RouteRecordRaw[] = [
  { path: '/dispatch', name: 'dispatch', component: () => import('./DispatchBoard.vue'), meta: { permission: 'deliveries.read' } },
  { path: '/deliveries/:id(\\d+)', name: 'delivery', component: () => import('./DeliveryDetail.vue'), meta: { permission: 'deliveries.read' } },
  {
    path: '/deliveries/:id(\\d+)/print/:kind(slip|voucher)',
    name: 'delivery-print',
    component: () => import('./DeliveryPrint.vue'),
    meta: { permission: 'deliveries.read' },
  },
  { path: '/my-deliveries', name: 'my-deliveries', component: () => import('./MyDeliveries.vue'), meta: { permission: 'deliveries.read' } },
]

export const deliveryMenu: MenuEntry = {
  key: 'delivery',
  title: 'delivery.menu',
  icon: 'Van',
  children: [
    { key: 'dispatch', title: 'delivery.dispatch', to: '/dispatch', permission: 'deliveries.read' },
    { key: 'my-deliveries', title: 'delivery.mine', to: '/my-deliveries', permission: 'deliveries.visit' },
  ],
}

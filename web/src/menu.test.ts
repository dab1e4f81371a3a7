import { describe, expect, it } from 'vitest'
import { visibleMenu, type MenuEntry } from './menu'

const entries: MenuEntry[] = [
  { key: 'home', title: 'app.home', to: '/' },
  {
    key: 'catalog',
    title: 'catalog.menu',
    children: [
      { key: 'customers', title: 'c', to: '/customers', permission: 'catalog.read' },
      { key: 'admin', title: 'a', to: '/admin', permission: 'staff.write' },
    ],
  },
  { key: 'settings', title: 's', children: [{ key: 'sla', title: 'sla', to: '/sla', permission: 'sla.manage' }] },
]

describe('menu', () => {
  it('shows only what the permissions allow and drops empty groups', () => {
    const can = (p?: string) => !p || p === 'catalog.read'
    const shown = visibleMenu(entries, can)
    expect(shown.map((e) => e.key)).toEqual(['home', 'catalog'])
    expect(shown[1].children?.map((e) => e.key)).toEqual(['customers'])
  })
})

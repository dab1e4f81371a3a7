// The menu: each module adds its entries; a user sees only those their permissions allow.
import { catalogMenu } from '@/modules/catalog/routes'
import { contractMenu } from '@/modules/contracts/routes'
import { deliveryMenu } from '@/modules/delivery/routes'
import { repairMenu } from '@/modules/repair/routes'

export interface MenuEntry {
  key: string
  title: string // i18n key
  icon?: string // an @element-plus/icons-vue component name
  to?: string
  permission?: string
  children?: MenuEntry[]
}

export const menu: MenuEntry[] = [{ key: 'home', title: 'app.home', icon: 'House', to: '/' }, contractMenu, deliveryMenu, repairMenu, catalogMenu]

/** The entries `can` allows; a group without any allowed child is dropped. */
export function visibleMenu(entries: MenuEntry[], can: (permission?: string) => boolean): MenuEntry[] {
  const out: MenuEntry[] = []
  for (const entry of entries) {
    if (!can(entry.permission)) continue
    if (entry.children) {
      const children = visibleMenu(entry.children, can)
      if (children.length > 0) out.push({ ...entry, children })
    } else {
      out.push(entry)
    }
  }
  return out
}

// vue-i18n with Chinese first; the choice is remembered in the browser.
import { createI18n } from 'vue-i18n'
import catalogEn from '@/modules/catalog/i18n.en'
import catalogZh from '@/modules/catalog/i18n.zh-CN'
import contractsEn from '@/modules/contracts/i18n.en'
import contractsZh from '@/modules/contracts/i18n.zh-CN'
import deliveryEn from '@/modules/delivery/i18n.en'
import deliveryZh from '@/modules/delivery/i18n.zh-CN'
import repairEn from '@/modules/repair/i18n.en'
import repairZh from '@/modules/repair/i18n.zh-CN'
import en from './en'
import zhCN from './zh-CN'

export type Language = 'zh-CN' | 'en'
export const languages: { code: Language; label: string }[] = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
]

const storageKey = 'aftercare.language'

export function savedLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null
  return saved === 'en' ? 'en' : 'zh-CN'
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(storageKey, language)
}

export const messages = {
  'zh-CN': { ...zhCN, catalog: catalogZh, repair: repairZh, contracts: contractsZh, delivery: deliveryZh },
  en: { ...en, catalog: catalogEn, repair: repairEn, contracts: contractsEn, delivery: deliveryEn },
}

export const i18n = createI18n({
  legacy: false,
  locale: savedLanguage(),
  fallbackLocale: 'zh-CN',
  messages,
})

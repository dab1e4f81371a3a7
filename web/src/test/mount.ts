// Mounting components as the app does: Element Plus, the i18n messages, a router in memory.
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import en from 'element-plus/es/locale/lang/en'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { messages } from '@/i18n'

export async function mountWithApp(component: Component, props: Record<string, unknown> = {}, locale = 'zh-CN') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:rest(.*)*', component: { template: '<div/>' } }] })
  await router.push('/')
  await router.isReady()
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages })
  const wrapper = mount(component, {
    props,
    attachTo: document.body,
    global: { plugins: [[ElementPlus, { locale: locale === 'en' ? en : zhCn }], i18n, router, createPinia()], stubs: { transition: false, 'transition-group': false } },
  })
  return { wrapper, router }
}

/** Makes the screen look like a phone (390 px) or a desktop to matchMedia. */
export function setPhone(phone: boolean): void {
  window.matchMedia = ((query: string) => ({
    matches: phone,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}

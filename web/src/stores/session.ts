// Who is signed in: the user, their permissions and the CSRF token of the session.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiError, setCsrfToken, unwrap } from '@/api/client'
import type { components, paths } from '@/api/schema'

type SessionAnswer = paths['/api/v1/auth/me']['get']['responses']['200']['content']['application/json']
export type SessionUser = SessionAnswer['user']
export type Store = components['schemas'] extends never ? never : { id: number; name: string; code: string }

export const useSession = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const storeName = ref('')
  const loaded = ref(false)

  const permissions = computed(() => new Set(user.value?.permissions ?? []))
  const signedIn = computed(() => user.value !== null)

  function can(permission: string | undefined): boolean {
    return !permission || permissions.value.has(permission)
  }

  async function adopt(answer: SessionAnswer): Promise<void> {
    user.value = answer.user
    setCsrfToken(answer.csrf_token)
    storeName.value = ''
    if (answer.user.store_id !== null && answer.user.store_id !== undefined) {
      try {
        const store = await unwrap(api.GET('/api/v1/stores/{id}', { params: { path: { id: String(answer.user.store_id) } } }))
        storeName.value = (store as { name: string }).name
      } catch {
        storeName.value = ''
      }
    }
  }

  /** Loads the session the cookie carries; false when there is none. */
  async function load(): Promise<boolean> {
    try {
      await adopt(await unwrap(api.GET('/api/v1/auth/me')))
      return true
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        user.value = null
        return false
      }
      throw error
    } finally {
      loaded.value = true
    }
  }

  async function login(login: string, password: string): Promise<void> {
    await adopt(await unwrap(api.POST('/api/v1/auth/login', { body: { login, password } })))
  }

  async function logout(): Promise<void> {
    try {
      await unwrap(api.POST('/api/v1/auth/logout'))
    } finally {
      forget()
    }
  }

  function forget(): void {
    user.value = null
    setCsrfToken('')
  }

  return { user, storeName, loaded, signedIn, permissions, can, load, login, logout, forget }
})

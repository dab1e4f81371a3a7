// The in-app inbox: the latest notifications, the unread count, and new ones pushed over the WebSocket.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { request } from '@/api/client'

export interface Notification {
  id: number
  kind: string
  at: string
  read: boolean
  text: string
  document: { id: number; type: string; resource: string; number: string } | null
}

interface Inbox {
  items: Notification[]
  unread_count: number
}

export const useNotifications = defineStore('notifications', () => {
  const items = ref<Notification[]>([])
  const unread = ref(0)
  const live = ref(false) // the WebSocket is open
  let socket: WebSocket | null = null
  let retry: ReturnType<typeof setTimeout> | null = null
  let wanted = false

  async function refresh(): Promise<void> {
    const inbox = await request<Inbox>('GET', '/api/v1/notifications?page_size=20')
    items.value = inbox.items
    unread.value = inbox.unread_count
  }

  async function markRead(id: number): Promise<void> {
    await request('POST', `/api/v1/notifications/${id}/read`)
    await refresh()
  }

  async function markAllRead(): Promise<void> {
    await request('POST', '/api/v1/notifications/read-all')
    await refresh()
  }

  /** Opens the live feed; reconnects after a drop (the inbox is read again, so nothing is missed). */
  function connect(): void {
    wanted = true
    if (socket || typeof WebSocket === 'undefined') return
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/ws`)
    socket.onopen = () => {
      live.value = true
      void refresh().catch(() => undefined)
    }
    // A push says something new arrived; the inbox is read again in the language the user chose here.
    socket.onmessage = (event) => {
      try {
        const pushed = JSON.parse(String(event.data)) as { type?: string; unread_count?: number }
        if (pushed.type === 'notification') {
          if (typeof pushed.unread_count === 'number') unread.value = pushed.unread_count
          void refresh().catch(() => undefined)
        }
      } catch {
        /* not a notification */
      }
    }
    socket.onclose = () => {
      socket = null
      live.value = false
      if (wanted) retry = setTimeout(connect, 5000)
    }
  }

  function disconnect(): void {
    wanted = false
    if (retry) clearTimeout(retry)
    socket?.close()
    socket = null
    items.value = []
    unread.value = 0
  }

  return { items, unread, live, refresh, markRead, markAllRead, connect, disconnect }
})

// Whether the screen is phone-sized (at most 768 px wide): menus collapse into a drawer and lists become cards.
import { onBeforeUnmount, ref } from 'vue'

export const phoneQuery = '(max-width: 768px)'

export function useIsPhone() {
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(phoneQuery) : null
  const isPhone = ref(media?.matches ?? false)
  const update = (event: MediaQueryListEvent) => (isPhone.value = event.matches)
  media?.addEventListener('change', update)
  onBeforeUnmount(() => media?.removeEventListener('change', update))
  return isPhone
}

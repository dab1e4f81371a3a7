// Times as the staff read them: in the browser's zone, which is the store's.

/** The local "yyyy-mm-dd hh:mm" of an instant. */
export function localTime(at: string | null | undefined): string {
  if (!at) return ''
  const d = new Date(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

// The pen model of the signature pad: faster strokes are thinner, like ink; pressure (a stylus) makes them bolder.
export interface Point {
  x: number
  y: number
  t: number // ms
  pressure?: number
}

export const minWidth = 1.2
export const maxWidth = 3.6

/** The line width between two points of a stroke. */
export function strokeWidth(from: Point, to: Point): number {
  const distance = Math.hypot(to.x - from.x, to.y - from.y)
  const elapsed = Math.max(1, to.t - from.t)
  const speed = distance / elapsed // px per ms
  let width = maxWidth - Math.min(1, speed / 2.5) * (maxWidth - minWidth)
  if (to.pressure && to.pressure > 0 && to.pressure !== 0.5) width *= 0.6 + to.pressure * 0.8
  return Math.min(maxWidth * 1.4, Math.max(minWidth, width))
}

/** Whether a data URL holds a PNG (what the pad produces and the server accepts). */
export function isPngDataUrl(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.startsWith('data:image/png;base64,') && value.length > 30
}

import { describe, expect, it } from 'vitest'
import { isPngDataUrl, maxWidth, minWidth, strokeWidth } from './signature'

describe('signature pen', () => {
  it('draws slow strokes thick and fast strokes thin, within bounds', () => {
    const slow = strokeWidth({ x: 0, y: 0, t: 0 }, { x: 1, y: 0, t: 50 })
    const fast = strokeWidth({ x: 0, y: 0, t: 0 }, { x: 100, y: 0, t: 10 })
    expect(slow).toBeGreaterThan(fast)
    expect(fast).toBeGreaterThanOrEqual(minWidth)
    expect(slow).toBeLessThanOrEqual(maxWidth)
  })
  it('draws harder pressure bolder', () => {
    const light = strokeWidth({ x: 0, y: 0, t: 0 }, { x: 5, y: 0, t: 10, pressure: 0.2 })
    const hard = strokeWidth({ x: 0, y: 0, t: 0 }, { x: 5, y: 0, t: 10, pressure: 0.9 })
    expect(hard).toBeGreaterThan(light)
  })
  it('recognises a PNG data URL', () => {
    expect(isPngDataUrl('data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB')).toBe(true)
    expect(isPngDataUrl('data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ')).toBe(false)
    expect(isPngDataUrl(null)).toBe(false)
  })
})

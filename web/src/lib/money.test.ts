import { describe, expect, it } from 'vitest'
import { formatYuan, parseYuan } from './money'

describe('money', () => {
  it('shows fen as yuan with two decimals and grouping', () => {
    expect(formatYuan(1288000)).toBe('12,880.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(-150)).toBe('-1.50')
    expect(formatYuan(0)).toBe('0.00')
  })
  it('reads what people type as fen', () => {
    expect(parseYuan('12')).toBe(1200)
    expect(parseYuan('12.5')).toBe(1250)
    expect(parseYuan(' ¥1,234.05 ')).toBe(123405)
    expect(parseYuan('１2')).toBeNull()
    expect(parseYuan('12.345')).toBeNull()
    expect(parseYuan('abc')).toBeNull()
    expect(parseYuan('')).toBeNull()
  })
  it('round-trips', () => {
    for (const fen of [0, 1, 99, 100, 123456789]) expect(parseYuan(formatYuan(fen))).toBe(fen)
  })
})

// Amounts travel as integer fen (分); people read and type yuan (元).

/** "12,880.00" for 1288000 fen. */
export function formatYuan(fen: number): string {
  const negative = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  const yuan = Math.floor(abs / 100).toLocaleString('en-US')
  const cents = String(abs % 100).padStart(2, '0')
  return `${negative ? '-' : ''}${yuan}.${cents}`
}

/** Fen for what a person typed ("12", "12.5", "1,234.50"); null when it is not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const cleaned = text.trim().replace(/[,，\s]/g, '').replace(/^¥/, '')
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!match) return null
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'))
  if (!Number.isSafeInteger(fen)) return null
  return match[1] === '-' ? -fen : fen
}

// The server names each field that failed ("phones[1]", "addresses[0].address", "rows[3].phones[0]"); forms show
// each message next to its field.

/** The server's field errors grouped by the form field they belong to: `prefix` "addresses[0]" → "address". */
export function errorsUnder(fields: Record<string, string>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, message] of Object.entries(fields)) {
    if (prefix && !name.startsWith(prefix + '.') && !name.startsWith(prefix + '[')) continue
    const rest = prefix ? name.slice(prefix.length).replace(/^\./, '') : name
    if (!(rest in out)) out[rest] = message
  }
  return out
}

/** The message for a top-level form field, including those of its items ("phones" gets "phones[1]"'s message). */
export function errorFor(fields: Record<string, string>, field: string): string {
  if (fields[field]) return fields[field]
  const item = Object.keys(fields).find((name) => name.startsWith(field + '[') || name.startsWith(field + '.'))
  return item ? fields[item] : ''
}

export interface RowError {
  row: number
  field: string
  message: string
}

/** An import's report: "rows[3].phones[0]" → row 3, field "phones"; other names (columns) come first as row 0. */
export function rowErrors(fields: Record<string, string>): RowError[] {
  const errors: RowError[] = []
  for (const [name, message] of Object.entries(fields)) {
    const match = /^rows\[(\d+)\]\.([a-z_]+)/.exec(name)
    if (match) errors.push({ row: Number(match[1]), field: match[2], message })
    else errors.push({ row: 0, field: name, message })
  }
  return errors.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field))
}

// The state of a list page (search text, filters, sort, page) and its place in the URL, so that a reload, a
// shared link or the back button shows the same list.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export interface ListQuery {
  q: string
  sort: string
  page: number
  pageSize: number
  filters: Record<string, string>
}

export const pageSizes = [10, 20, 50, 100]

export function readListQuery(query: LocationQuery, defaults: { sort: string; pageSize: number }, filterKeys: string[]): ListQuery {
  const text = (key: string) => (typeof query[key] === 'string' ? (query[key] as string) : '')
  const page = Number.parseInt(text('page'), 10)
  const size = Number.parseInt(text('page_size'), 10)
  const filters: Record<string, string> = {}
  for (const key of filterKeys) filters[key] = text(key)
  return {
    q: text('q'),
    sort: text('sort') || defaults.sort,
    page: Number.isFinite(page) && page > 0 ? page : 1,
    pageSize: pageSizes.includes(size) ? size : defaults.pageSize,
    filters,
  }
}

/** The URL query for a list state: defaults and empty values are left out. */
export function writeListQuery(state: ListQuery, defaults: { sort: string; pageSize: number }): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (state.q) out.q = state.q
  if (state.sort !== defaults.sort) out.sort = state.sort
  if (state.page > 1) out.page = String(state.page)
  if (state.pageSize !== defaults.pageSize) out.page_size = String(state.pageSize)
  for (const [key, value] of Object.entries(state.filters)) if (value) out[key] = value
  return out
}

/** The API's query parameters for a list state. */
export function apiParams(state: ListQuery): Record<string, string | number> {
  const params: Record<string, string | number> = { page: state.page, page_size: state.pageSize }
  if (state.sort) params.sort = state.sort
  if (state.q) params.q = state.q
  for (const [key, value] of Object.entries(state.filters)) if (value) params[key] = value
  return params
}

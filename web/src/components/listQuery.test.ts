import { describe, expect, it } from 'vitest'
import { apiParams, readListQuery, writeListQuery } from './listQuery'

const defaults = { sort: '-updated_at', pageSize: 20 }

describe('list query', () => {
  it('reads the URL with defaults for what is missing or wrong', () => {
    const state = readListQuery({ q: '王', page: '3', page_size: '7', category: '沙发' }, defaults, ['category'])
    expect(state).toEqual({ q: '王', sort: '-updated_at', page: 3, pageSize: 20, filters: { category: '沙发' } })
    expect(readListQuery({ page: '-1' }, defaults, []).page).toBe(1)
  })
  it('writes only what differs from the defaults', () => {
    const state = { q: '', sort: '-updated_at', page: 1, pageSize: 20, filters: { category: '' } }
    expect(writeListQuery(state, defaults)).toEqual({})
    expect(writeListQuery({ ...state, q: '张', page: 2, sort: 'name', filters: { category: '床具' } }, defaults)).toEqual({
      q: '张',
      page: '2',
      sort: 'name',
      category: '床具',
    })
  })
  it('gives the API its parameters', () => {
    const state = { q: '138', sort: 'name', page: 2, pageSize: 50, filters: { category: '', active: 'true' } }
    expect(apiParams(state)).toEqual({ q: '138', sort: 'name', page: 2, page_size: 50, active: 'true' })
    expect(apiParams({ ...state, sort: '' })).not.toHaveProperty('sort')
  })
})

import { afterEach, describe, expect, it, vi } from 'vitest'
import ListPage from './ListPage.vue'
import { mountWithApp, setPhone, settle } from '@/test/mount'

interface Row {
  id: number
  name: string
  phone: string
}
const rows: Row[] = [
  { id: 1, name: '王建国', phone: '13912345601' },
  { id: 2, name: '李秀英', phone: '13912345602' },
]
const columns = [
  { key: 'name', label: '姓名' },
  { key: 'phone', label: '电话' },
]

afterEach(() => {
  document.body.innerHTML = ''
})

describe('ListPage', () => {
  it('shows a table with the total on a desktop and searches with the typed text', async () => {
    setPhone(false)
    const fetch = vi.fn().mockResolvedValue({ items: rows, total: 42 })
    const { wrapper, router } = await mountWithApp(ListPage, { columns, fetch, defaultSort: 'name' })
    await settle()
    expect(fetch).toHaveBeenCalledWith({ page: 1, page_size: 20, sort: 'name' })
    expect(wrapper.find('[data-test="list-table"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('王建国')
    expect(wrapper.text()).toContain('共 42 条')
    await wrapper.find('input[data-test="list-search"]').setValue('建国')
    await wrapper.find('[data-test="list-search-button"]').trigger('click')
    await settle()
    expect(fetch).toHaveBeenLastCalledWith({ page: 1, page_size: 20, sort: 'name', q: '建国' })
    expect(router.currentRoute.value.query).toEqual({ q: '建国' })
  })

  it('says when a search matches more rows than it counts', async () => {
    setPhone(false)
    const fetch = vi.fn().mockResolvedValue({ items: rows, total: 1000, total_capped: true })
    const { wrapper } = await mountWithApp(ListPage, { columns, fetch })
    await settle()
    expect(wrapper.find('[data-test="list-capped"]').text()).toBe('匹配超过 1000 条；向后翻页可看更多，或加词、加筛选条件缩小范围。')
    fetch.mockResolvedValue({ items: rows, total: 2, total_capped: false })
    await wrapper.find('[data-test="list-search-button"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="list-capped"]').exists()).toBe(false)
  })

  it('shows cards on a phone and opens a row', async () => {
    setPhone(true)
    const fetch = vi.fn().mockResolvedValue({ items: rows, total: 2 })
    const { wrapper } = await mountWithApp(ListPage, { columns, fetch })
    await settle()
    const cards = wrapper.findAll('[data-test="list-card"]')
    expect(cards).toHaveLength(2)
    expect(wrapper.find('[data-test="list-table"]').exists()).toBe(false)
    expect(cards[1].text()).toContain('电话')
    await cards[1].trigger('click')
    expect(wrapper.emitted('open')?.[0]).toEqual([rows[1]])
  })

  it('shows the server error in the list', async () => {
    setPhone(false)
    const { ApiError } = await import('@/api/client')
    const fetch = vi.fn().mockRejectedValue(new ApiError(422, 'validation_failed', '参数不正确'))
    const { wrapper } = await mountWithApp(ListPage, { columns, fetch })
    await settle()
    expect(wrapper.text()).toContain('参数不正确')
  })
})

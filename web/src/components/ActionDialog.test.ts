import { afterEach, describe, expect, it, vi } from 'vitest'
import ActionDialog from './ActionDialog.vue'
import type { ActionDef, DocumentView } from '@/api/documents'
import { mountWithApp, setPhone, settle } from '@/test/mount'

const action: ActionDef = {
  name: 'contact',
  label: '联系客户',
  to: 'contacted',
  inputs: [
    { name: 'customer_notice', kind: 'customer_notice', required: true, label: '客户通知', channels: [{ value: 'phone', label: '电话' }] },
    { name: 'checklist', kind: 'checklist', required: true, label: '检查', items: [{ key: 'assembled', label: '已组装' }] },
  ],
}
const document = { id: 9, version: 3 } as DocumentView

afterEach(() => {
  vi.unstubAllGlobals()
  window.document.body.innerHTML = ''
})

describe('ActionDialog', () => {
  it('builds a field for each input, sends them with the version, and shows field errors next to them', async () => {
    setPhone(false)
    const fetch = vi.fn().mockResolvedValue(
      new Response(
        JSON.stringify({
          error: { code: 'validation_failed', message: '请求中有 1 个字段填写不正确', fields: { 'inputs.customer_notice.summary': '至少需要 1 个字符' } },
        }),
        { status: 422 },
      ),
    )
    vi.stubGlobal('fetch', fetch)
    await mountWithApp(ActionDialog, { resource: 'test-tickets', document, action })
    await settle()
    const body = window.document.body
    expect(body.textContent).toContain('客户通知')
    expect(body.textContent).toContain('已组装')
    ;(body.querySelector('[data-test="action-submit"]') as HTMLButtonElement).click()
    await settle()
    const [url, init] = fetch.mock.calls[0]
    expect(url).toBe('/api/v1/test-tickets/9/actions/contact')
    const sent = JSON.parse(init.body)
    expect(sent.version).toBe(3)
    expect(sent.inputs.customer_notice.channel).toBe('phone')
    expect(sent.inputs.checklist).toEqual({ assembled: false })
    expect(body.querySelector('[data-test="action-error"]')?.textContent).toContain('请求中有 1 个字段填写不正确')
    const summary = body.querySelector('[data-test="input-customer_notice-summary"]')!.closest('.el-form-item')!
    expect(summary.classList.contains('is-error')).toBe(true)
  })

  it('starts from the values it is given, as the dispatch board fills in the crew and the day', async () => {
    setPhone(false)
    const fetch = vi.fn().mockImplementation((url: string) =>
      Promise.resolve(
        new Response(JSON.stringify(url.includes('/staff') ? { items: [] } : { id: 9, version: 4 }), { status: 200 }),
      ),
    )
    vi.stubGlobal('fetch', fetch)
    const schedule: ActionDef = {
      name: 'schedule',
      label: '安排送货',
      to: 'scheduled',
      inputs: [
        { name: 'window_start', kind: 'time', required: true, label: '起' },
        { name: 'assignee', kind: 'assignee', required: true, label: '安装工', roles: ['installer'] },
        { name: 'crew', kind: 'text', required: false, label: '其他人员' },
      ],
    }
    const start = new Date('2026-11-28T09:00:00+08:00')
    await mountWithApp(ActionDialog, {
      resource: 'deliveries',
      document: { id: 9, version: 3, store_id: 1 } as DocumentView,
      action: schedule,
      preset: { assignee: 42, window_start: start, unknown: 'ignored' },
    })
    await settle()
    ;(window.document.body.querySelector('[data-test="action-submit"]') as HTMLButtonElement).click()
    await settle()
    const call = fetch.mock.calls.find(([url]) => String(url).endsWith('/actions/schedule'))!
    const sent = JSON.parse(call[1].body)
    expect(sent.inputs.assignee).toBe(42)
    expect(sent.inputs.window_start).toBe(start.toISOString())
    expect(sent.inputs).not.toHaveProperty('unknown')
  })
})

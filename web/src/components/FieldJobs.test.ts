import { afterEach, describe, expect, it } from 'vitest'
import FieldJobs from './FieldJobs.vue'
import { mountWithApp, setPhone, settle } from '@/test/mount'

afterEach(() => {
  window.document.body.innerHTML = ''
})

const at = (days: number, hour: number) => {
  const d = new Date()
  d.setDate(d.getDate() + days)
  d.setHours(hour, 0, 0, 0)
  return d.toISOString()
}
const job = (id: number, start: string | null, name: string) => ({
  id,
  window_start: start,
  window_end: start,
  state_label: '已安排',
  customer_name: name,
  address: '地址',
  phone: '13900000000',
})

describe('FieldJobs', () => {
  it("lists today's jobs first by the agreed time, then the others, and opens the one tapped", async () => {
    setPhone(true)
    const jobs = [job(1, at(2, 9), '后天'), job(2, at(0, 15), '今天下午'), job(3, at(0, 9), '今天上午'), job(4, null, '未约')]
    const { wrapper } = await mountWithApp(FieldJobs, { title: '我的送货', jobs, loading: false, error: '', empty: '无', itemTest: 'job' })
    await settle()
    const today = wrapper.find('[data-test="jobs-today"]')
    expect(today.text()).toContain('（2）')
    const names = wrapper.findAll('[data-test="job"]').map((card) => card.text())
    expect(names[0]).toContain('今天上午')
    expect(names[1]).toContain('今天下午')
    expect(names.slice(2).join()).toContain('后天')
    expect(names.length).toBe(4)
    await wrapper.findAll('[data-test="job"]')[1]!.trigger('click')
    expect(wrapper.emitted('open')![0]![0]).toMatchObject({ id: 2 })
  })
})

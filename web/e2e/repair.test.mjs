// Repairs in the browser: a salesperson registers a problem on a phone, after-sales agrees the visit, and the
// technician makes it on a phone: arrival checklist, findings, departure checklist, rating and signature.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { apiSession, desktop, drawSignature, launchBrowser, phone, screenshot, signIn, startServer, submitAction } from './support.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

function local(date) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:00`
}

describe('a repair', () => {
  it('is registered on a phone, its visit agreed, and the visit made with a signature on a phone', async () => {
    // 1. A salesperson registers the problem on a phone (C1).
    const sales = await browser.newContext({ ...phone, locale: 'zh-CN' })
    const page = await sales.newPage()
    let ticketUrl
    try {
      await signIn(page, server.url, 'sales')
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('[data-test="drawer-repair-new"]').click()
      await page.waitForURL(/\/repairs\/new$/)
      await page.locator('[data-test="reg-phone"]').fill('13912345601')
      await page.locator('[data-test="reg-phone"]').blur()
      await page.locator('[data-test="known-customer"]').waitFor() // 王建国 is a demo customer
      assert.equal(await page.locator('[data-test="reg-name"]').inputValue(), '王建国')
      await page.locator('[data-test="reg-model"]').fill('SF-1021-BR')
      await page.locator('[data-test="reg-problem"]').fill('沙发扶手松动')
      await page.locator('[data-test="reg-symptoms"]').fill('左侧扶手一坐就晃，有响声')
      await screenshot(page, 'phone-repair-register')
      await page.locator('[data-test="reg-submit"]').click()
      await page.waitForURL(/\/repairs\/\d+$/)
      await page.locator('[data-test="document-number"]').getByText(/^WX/).waitFor()
      ticketUrl = page.url()
    } finally {
      await sales.close()
    }
    const id = Number(ticketUrl.split('/').pop())

    // 2. After-sales phones the customer and agrees the visit (C3): the 30-minute clock stops.
    const desk = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const deskPage = await desk.newPage()
    const start = new Date(Date.now() + 24 * 3600_000)
    start.setMinutes(0, 0, 0)
    const end = new Date(start.getTime() + 2 * 3600_000)
    try {
      await signIn(deskPage, server.url, 'agent')
      await deskPage.goto(`${server.url}/repairs`)
      await deskPage.locator('[data-test="countdown"]').first().waitFor()
      await screenshot(deskPage, 'desktop-repairs')
      await deskPage.goto(ticketUrl)
      await deskPage.locator('[data-test="action-agree_visit"]').click()
      for (const [name, at] of [
        ['window_start', start],
        ['window_end', end],
      ]) {
        const input = deskPage.locator(`[data-test="field-${name}"] input`)
        await input.click()
        await input.fill(local(at))
        await input.press('Enter')
      }
      await deskPage.locator('[data-test="input-note"]').fill('客户明天上午在家')
      await submitAction(deskPage)
      await deskPage.locator('[data-test="document-state"]').getByText('已约上门').waitFor()
    } finally {
      await desk.close()
    }

    // Dispatch (set-up for the visit).
    const supervisor = await apiSession(server.url, 'supervisor')
    const technician = (await supervisor('GET', '/api/v1/staff?q=technician')).items[0]
    const current = await supervisor('GET', `/api/v1/repair-tickets/${id}`)
    await supervisor('POST', `/api/v1/repair-tickets/${id}/actions/dispatch`, {
      version: current.version,
      inputs: { assignee: technician.id, tools_to_prepare: '扳手、木工胶、扶手螺丝' },
    })

    // 3. The technician makes the visit on a phone (C6, Q7, Q23).
    const field = await browser.newContext({ ...phone, locale: 'zh-CN' })
    const mobile = await field.newPage()
    try {
      await signIn(mobile, server.url, 'technician')
      await mobile.locator('[data-test="menu-toggle"]').click()
      await mobile.locator('[data-test="drawer-my-visits"]').click()
      await mobile.locator('[data-test="my-visit"]').first().waitFor()
      await screenshot(mobile, 'phone-my-visits')
      await mobile.locator('[data-test="my-visit"]').filter({ hasText: '沙发扶手松动' }).click()
      await mobile.locator('[data-test="ticket-tools"]').getByText('扳手、木工胶、扶手螺丝').waitFor()
      await mobile.locator('[data-test="ticket-problem"]').getByText('沙发扶手松动').waitFor()

      await mobile.locator('[data-test="action-arrive"]').click()
      for (const item of ['tools_prepared', 'problem_read', 'greeted_with_id', 'consent', 'protection']) {
        await mobile.locator(`[data-test="check-${item}"]`).click()
      }
      await submitAction(mobile)
      await mobile.locator('[data-test="document-state"]').getByText('上门中').waitFor()

      await mobile.locator('[data-test="action-finish_fixed"]').click()
      await mobile.locator('[data-test="input-findings"]').fill('扶手连接螺丝松脱')
      await mobile.locator('[data-test="input-explanation"]').fill('螺丝松动所致，已紧固；请勿坐在扶手上')
      for (const item of ['no_damage', 'explained', 'three_donts', 'to_specification', 'cleaned_up', 'farewell']) {
        await mobile.locator(`[data-test="check-${item}"]`).click()
      }
      await mobile.locator('[data-test="input-rating"] .el-rate__item').nth(4).click()
      await drawSignature(mobile)
      await mobile.locator('[data-test="input-signature-signer"]').fill('王建国')
      await screenshot(mobile, 'phone-repair-finish')
      await submitAction(mobile)
      await mobile.locator('[data-test="document-state"]').getByText('已修复').waitFor()
      await mobile.locator('[data-test="visit"]').first().waitFor()
      await screenshot(mobile, 'phone-repair-done')
    } finally {
      await field.close()
    }
    const done = await supervisor('GET', `/api/v1/repair-tickets/${id}`)
    assert.equal(done.state, 'repaired')
    assert.equal(done.fields.visits[0].rating, 5)
    assert.ok(done.fields.visits[0].signature_file, 'the signature is stored')
    assert.equal(done.timers.find((t) => t.name === 'repair.first_contact').state, 'stopped')

    // The repair slip prints like the paper one.
    const printing = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const sheet = await printing.newPage()
    try {
      await signIn(sheet, server.url, 'agent')
      await sheet.goto(`${server.url}/repairs/${id}/print/slip`)
      await sheet.locator('[data-test="print-sheet"]').getByText('维修单').waitFor()
      await screenshot(sheet, 'desktop-repair-slip')
    } finally {
      await printing.close()
    }
  })
})

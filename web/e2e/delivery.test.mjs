// Contracts to delivery in the browser: a salesperson enters a contract from the keyboard, the order follower
// checks stock on the board, after-sales drags the delivery job onto an installer's day on the dispatch board, and
// the installer inspects, arrives and has the customer sign on a phone.
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

function localDate(date) {
  const pad = (n) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

describe('a delivery', () => {
  it('goes from contract entry through the order board and the dispatch board to the customer signing on a phone', async () => {
    // 1. The salesperson enters the contract with the keyboard and product search (A2, B11).
    const salesContext = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const sales = await salesContext.newPage()
    let contractId
    try {
      await signIn(sales, server.url, 'sales')
      await sales.goto(`${server.url}/contracts/new`)
      await sales.locator('[data-test="contract-phone"]').fill('13912345610')
      await sales.locator('[data-test="contract-phone"]').blur()
      // A known phone fills in the customer and the address.
      await sales.waitForFunction(() => document.querySelector('[data-test="contract-name"]')?.value === '吴刚')
      assert.equal(await sales.locator('[data-test="contract-address"]').inputValue(), '友谊路 1588 弄 10 号 402 室')
      const product = sales.locator('[data-test="line-product"]').first()
      await product.fill('落地灯')
      await sales.locator('.el-autocomplete-suggestion li').filter({ hasText: 'DC-7001' }).first().click()
      await sales.locator('[data-test="contract-installation"]').fill('灯放客厅沙发旁')
      assert.match(await sales.locator('[data-test="contract-total"]').innerText(), /699\.00/)
      await screenshot(sales, 'desktop-contract-entry')
      await sales.keyboard.press('Control+Enter')
      await sales.waitForURL(/\/contracts\/\d+$/)
      await sales.locator('[data-test="document-number"]').getByText(/^HT/).waitFor()
      contractId = Number(sales.url().split('/').pop())
    } finally {
      await salesContext.close()
    }

    // 2. The order follower checks stock from the board: the lamp is in stock, the contract is ready (A3, A6).
    const followerContext = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const follower = await followerContext.newPage()
    try {
      await signIn(follower, server.url, 'follower')
      await follower.goto(`${server.url}/order-board`)
      await follower.locator('[data-test="board-contracts"]').waitFor()
      const row = follower.locator('[data-test="board-contracts"] tr').filter({ hasText: '吴刚' })
      await row.locator('[data-test="board-check"]').click()
      await row.getByText('待送货').waitFor()
      await screenshot(follower, 'desktop-order-board')
    } finally {
      await followerContext.close()
    }
    const agentApi = await apiSession(server.url, 'agent')
    const jobs = await agentApi('GET', `/api/v1/deliveries?contract_id=${contractId}`)
    assert.equal(jobs.items.length, 1, 'the ready contract has its delivery job')
    const job = jobs.items[0]

    // 3. After-sales drags the job onto the installer's day (B1); the form opens with both filled in.
    const tomorrow = localDate(new Date(Date.now() + 24 * 3600_000))
    const deskContext = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const desk = await deskContext.newPage()
    const installerApi = await apiSession(server.url, 'installer')
    const me = await installerApi('GET', '/api/v1/auth/me')
    try {
      await signIn(desk, server.url, 'agent')
      await desk.goto(`${server.url}/dispatch`)
      const card = desk.locator('[data-test="unscheduled"]').locator(`[data-test="job-${job.number}"]`)
      await card.waitFor()
      const cell = desk.locator(`[data-test="cell-${me.user.id}-${tomorrow}"]`)
      await card.dragTo(cell)
      await desk.locator('[data-test="action-dialog"]').waitFor()
      // The crew leader is the installer it was dropped on, chosen by name.
      await desk.locator('[data-test="action-dialog"] .el-select').getByText(me.user.name).waitFor()
      await desk.locator('[data-test="input-crew"]').fill('小王')
      await screenshot(desk, 'desktop-dispatch-schedule')
      await submitAction(desk)
      await cell.locator(`[data-test="job-${job.number}"]`).waitFor()
      await screenshot(desk, 'desktop-dispatch-board')
    } finally {
      await deskContext.close()
    }
    let current = await agentApi('GET', `/api/v1/deliveries/${job.id}`)
    assert.equal(current.state, 'scheduled')
    assert.equal(current.fields.installer_id, me.user.id)
    assert.equal(localDate(new Date(current.fields.window_start)), tomorrow)

    // The confirmation call (B2) and the slip to the crew (B12).
    await agentApi('POST', `/api/v1/deliveries/${job.id}/actions/confirm`, {
      version: current.version,
      inputs: {
        customer_notice: { channel: 'phone', contacted_at: new Date().toISOString(), summary: '确认姓名、时间、型号' },
        confirmation: { name_confirmed: true, time_confirmed: true, model_confirmed: true },
      },
    })
    current = await agentApi('GET', `/api/v1/deliveries/${job.id}`)
    await agentApi('POST', `/api/v1/deliveries/${job.id}/actions/send_slip`, { version: current.version, inputs: {} })

    // 4. The installer on a phone: inspection with a photo (B4), arrival (B6, B7, B9, B13), sign-off (B8, B10, B14, Q23).
    const fieldContext = await browser.newContext({ ...phone, locale: 'zh-CN' })
    const mobile = await fieldContext.newPage()
    try {
      await signIn(mobile, server.url, 'installer')
      await mobile.locator('[data-test="menu-toggle"]').click()
      await mobile.locator('[data-test="drawer-my-deliveries"]').click()
      await mobile.locator('[data-test="my-delivery"]').filter({ hasText: '吴刚' }).click()
      await mobile.locator('[data-test="delivery-fields"]').getByText('灯放客厅沙发旁').waitFor()

      await mobile.locator('[data-test="action-inspect"]').click()
      for (const item of ['unpacked', 'inspected', 'repacked', 'slip_read']) {
        await mobile.locator(`[data-test="check-${item}"]`).click()
      }
      const photo = await mobile.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 60, height: 60 } })
      await mobile.locator('[data-test="input-inspection_photos"]').setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: photo })
      await mobile.locator('[data-test="action-dialog"] img').first().waitFor()
      await submitAction(mobile)
      await mobile.locator('[data-test="document-state"]').getByText('已开箱检验').waitFor()
      await mobile.locator('[data-test="delivery-photos"] img').first().waitFor() // the inspection photo is kept (B4)

      await mobile.locator('[data-test="action-arrive"]').click()
      for (const item of ['greeted', 'id_shown', 'shoe_covers', 'floor_protected']) {
        await mobile.locator(`[data-test="check-${item}"]`).click()
      }
      await submitAction(mobile)
      await mobile.locator('[data-test="document-state"]').getByText('现场安装中').waitFor()

      await mobile.locator('[data-test="action-sign_off"]').click()
      for (const item of ['placed_as_wanted', 'to_specification', 'no_damage', 'explained', 'waste_removed', 'customer_inspected', 'farewell']) {
        await mobile.locator(`[data-test="check-${item}"]`).click()
      }
      await mobile.locator('[data-test="input-rating"] .el-rate__item').nth(4).click()
      await drawSignature(mobile)
      await mobile.locator('[data-test="input-signature-signer"]').fill('吴刚')
      await screenshot(mobile, 'phone-delivery-sign-off')
      await submitAction(mobile)
      await mobile.locator('[data-test="document-state"]').getByText('已签收').waitFor()
      await mobile.locator('[data-test="delivery-signature"]').waitFor()
      await screenshot(mobile, 'phone-delivery-signed')
    } finally {
      await fieldContext.close()
    }
    const done = await agentApi('GET', `/api/v1/deliveries/${job.id}`)
    assert.equal(done.state, 'delivered')
    assert.equal(done.fields.signer, '吴刚')
    assert.equal(done.fields.rating, 5)
    assert.equal((await agentApi('GET', `/api/v1/contracts/${contractId}`)).state, 'delivered')

    // The delivery voucher prints like the paper one.
    const printing = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const sheet = await printing.newPage()
    try {
      await signIn(sheet, server.url, 'agent')
      await sheet.goto(`${server.url}/deliveries/${job.id}/print/voucher`)
      await sheet.locator('[data-test="print-sheet"]').getByText('送货凭证').waitFor()
      await screenshot(sheet, 'desktop-delivery-voucher')
    } finally {
      await printing.close()
    }
  })
})

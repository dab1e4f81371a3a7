// The web app in Debian's Chromium against the real binary on a fresh database, at desktop and phone widths.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generate, schemaFile } from './api-types.mjs'
import { apiSession, artifacts, desktop, drawSignature, launchBrowser, phone, screenshot, signIn, startServer } from './support.mjs'

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

describe('the typed API client', () => {
  it('matches the OpenAPI document the binary serves', async () => {
    const document = await (await fetch(`${server.url}/api/v1/openapi.json`)).json()
    const committed = await readFile(schemaFile, 'utf8')
    assert.equal(committed, await generate(document), 'run: node e2e/api-types.mjs <server>/api/v1/openapi.json')
  })
})

// The flow of the issue at one screen size: sign in, create and find a customer in Chinese, see a field error in
// Chinese, switch to English, sign out.
async function customerFlow(options, label, customerName, search, phoneNumber) {
  const context = await browser.newContext({ ...options, locale: 'zh-CN' })
  const page = await context.newPage()
  const isPhone = options === phone
  try {
    await page.goto(server.url)
    await page.waitForURL(/\/login/)
    await assert.doesNotReject(page.getByText('售后服务管理').first().waitFor())
    await screenshot(page, `${label}-login`)

    await signIn(page, server.url, 'sales')
    await page.getByText('张敏，您好').waitFor()
    assert.match(await page.locator('[data-test="store"]').innerText(), /上海徐汇店/)
    await screenshot(page, `${label}-home`)

    if (isPhone) {
      assert.equal(await page.locator('.el-aside').count(), 0, 'no side menu on a phone')
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('[data-test="drawer-customers"]').click()
    } else {
      await page.locator('[data-test="menu-customers"]').click()
    }
    await page.waitForURL(/\/customers$/)
    if (isPhone) {
      await page.locator('[data-test="list-card"]').first().waitFor()
      assert.equal(await page.locator('[data-test="list-table"]').count(), 0, 'cards, not a table, on a phone')
    } else {
      await page.locator('[data-test="list-table"] .el-table__row').first().waitFor()
    }
    await assert.doesNotReject(page.getByText('王建国').first().waitFor())
    await screenshot(page, `${label}-customers`)

    // A wrong phone: the server's message, in Chinese, next to the phone field; nothing is created.
    await page.locator('[data-test="new-customer"]').click()
    await page.locator('[data-test="customer-name"]').fill(customerName)
    await page.locator('[data-test="customer-phone-0"]').fill('12')
    await page.locator('[data-test="customer-district-0"]').fill('徐汇区')
    await page.locator('[data-test="customer-address-0"]').fill('漕溪北路 88 号 1 号楼 101 室')
    await page.locator('[data-test="customer-save"]').click()
    const phoneField = page.locator('[data-test="field-phones-0"]')
    await phoneField.getByText('不是有效的电话号码').waitFor()
    await screenshot(page, `${label}-customer-field-error`)

    await page.locator('[data-test="customer-phone-0"]').fill(phoneNumber)
    await page.locator('[data-test="customer-save"]').click()
    await page.waitForURL(/\/customers\/\d+$/)
    assert.equal(await page.locator('[data-test="customer-title"]').innerText(), customerName)
    await screenshot(page, `${label}-customer`)

    // Found again by a part of the name in Chinese.
    await page.goto(`${server.url}/customers`)
    await page.locator('[data-test="list-search"]').fill(search)
    await page.locator('[data-test="list-search"]').press('Enter')
    await page.waitForURL(/q=/)
    const results = page.locator(isPhone ? '[data-test="list-card"]' : '[data-test="list-table"] .el-table__row')
    await page.waitForFunction(
      ([selector, name]) => {
        const rows = document.querySelectorAll(selector)
        return rows.length === 1 && rows[0].textContent.includes(name)
      },
      [isPhone ? '[data-test="list-card"]' : '[data-test="list-table"] .el-table__row', customerName],
    )
    assert.equal(await results.count(), 1)
    await page.getByText('共 1 条').waitFor()

    // English, remembered across a reload.
    await page.locator('[data-test="language"]').click()
    await page.locator('[data-test="language-en"]').click()
    await page.getByRole('heading', { name: 'Customers' }).waitFor()
    await page.getByText('Total 1').waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Customers' }).waitFor()
    await screenshot(page, `${label}-customers-en`)

    await page.locator('[data-test="user-menu"]').click()
    await page.locator('[data-test="sign-out"]').click()
    await page.waitForURL(/\/login/)
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await page.goto(`${server.url}/customers`)
    await page.waitForURL(/\/login\?next=/, { timeout: 5000 })
  } catch (error) {
    await screenshot(page, `${label}-failure`).catch(() => undefined)
    throw error
  } finally {
    await context.close()
  }
}

describe('customers', () => {
  it('work on a desktop (1440 px)', async () => {
    await customerFlow(desktop, 'desktop', '欧阳测试', '阳测', '13955550001')
  })
  it('work on a phone (390 px)', async () => {
    await customerFlow(phone, 'phone', '司马手机', '马手', '13955550002')
  })
  it('are read-only for a technician, and products show prices in yuan', async () => {
    const context = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const page = await context.newPage()
    try {
      await signIn(page, server.url, 'technician')
      await page.goto(`${server.url}/customers`)
      await page.locator('[data-test="list-table"] .el-table__row').first().waitFor()
      assert.equal(await page.locator('[data-test="new-customer"]').count(), 0)
      await page.goto(`${server.url}/products`)
      await page.getByText('真皮三人沙发').waitFor()
      await page.getByText('12,880.00').waitFor()
      await screenshot(page, 'desktop-products')
    } finally {
      await context.close()
    }
  })
})

describe('the notification bell', () => {
  it('shows a new notification at once, pushed over the WebSocket, and opens its document', async () => {
    const context = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const page = await context.newPage()
    try {
      await signIn(page, server.url, 'supervisor')
      await page.getByText('王磊，您好').waitFor()
      const badge = page.locator('[data-test="bell"] .el-badge__content')
      const before = (await badge.isVisible()) ? Number(await badge.innerText()) : 0
      // The page's WebSocket is open before the event happens, so the badge can only change by a push.
      await page.locator('[data-test="bell"][data-live="true"]').waitFor()
      const agent = await apiSession(server.url, 'agent')
      const me = await agent('GET', '/api/v1/auth/me')
      const ticket = await agent('POST', '/api/v1/test-tickets', { store_id: me.user.store_id, title: '推送测试' })
      await page.waitForFunction(
        ([expected]) => Number(document.querySelector('[data-test="bell"] .el-badge__content')?.textContent ?? 0) >= expected,
        [before + 1],
        { timeout: 10_000 },
      )
      await page.locator('[data-test="bell"]').click()
      await page.getByText(`新的测试工单 ${ticket.number}`).click()
      await page.waitForURL(new RegExp(`/documents/test-tickets/${ticket.id}$`))
      await page.locator('[data-test="document-number"]').getByText(ticket.number).waitFor()
    } finally {
      await context.close()
    }
  })
})

describe('a document', () => {
  it('shows its timeline and the actions the user may take, each with its form, signature and print view', async () => {
    const agent = await apiSession(server.url, 'agent')
    const technician = (await agent('GET', '/api/v1/staff?q=technician')).items[0]
    const ticket = await agent('POST', '/api/v1/test-tickets', { store_id: technician.store_id, title: '沙发异响', assignee_id: technician.id })
    const path_ = `/documents/test-tickets/${ticket.id}`

    const context = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const page = await context.newPage()
    try {
      await signIn(page, server.url, 'agent')
      await page.goto(`${server.url}${path_}`)
      await page.locator('[data-test="document-number"]').waitFor()
      await page.locator('[data-test="action-contact"]').click()
      await page.locator('[data-test="action-submit"]').click()
      await page.locator('[data-test="action-error"]').waitFor()
      await screenshot(page, 'desktop-document-action-error')
      await page.locator('[data-test="input-customer_notice-summary"]').fill('已电话联系客户，约定明天上门')
      await page.locator('[data-test="action-submit"]').click()
      await page.locator('[data-test="action-dialog"]').waitFor({ state: 'hidden' })
      await page.waitForFunction(() => document.querySelectorAll('[data-test="timeline"] .el-timeline-item').length === 2)
    } finally {
      await context.close()
    }

    const current = await agent('GET', `/api/v1/test-tickets/${ticket.id}`)
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString()
    await agent('POST', `/api/v1/test-tickets/${ticket.id}/actions/schedule`, { version: current.version, inputs: { appointment: tomorrow } })

    const field = await browser.newContext({ ...phone, locale: 'zh-CN' })
    const mobile = await field.newPage()
    try {
      await signIn(mobile, server.url, 'technician')
      await mobile.goto(`${server.url}${path_}`)
      await mobile.locator('[data-test="action-complete"]').click()
      await drawSignature(mobile)
      await mobile.locator('[data-test="input-signature-signer"]').fill('王建国')
      await mobile.locator('[data-test="check-assembled"]').click()
      await mobile.locator('[data-test="check-cleaned"]').click()
      await screenshot(mobile, 'phone-document-signature')
      await mobile.locator('[data-test="action-submit"]').click()
      await mobile.locator('[data-test="action-dialog"]').waitFor({ state: 'hidden' })
      await mobile.waitForFunction(() => document.querySelectorAll('[data-test="timeline"] .el-timeline-item').length === 4)
      await screenshot(mobile, 'phone-document')
    } finally {
      await field.close()
    }
    const done = await agent('GET', `/api/v1/test-tickets/${ticket.id}/events`)
    const completed = done.items.at(-1)
    assert.equal(completed.action, 'complete')
    assert.match(JSON.stringify(completed.inputs), /sha256|hash|file/i, 'the signature was stored as a file')

    const printing = await browser.newContext({ ...desktop, locale: 'zh-CN' })
    const sheet = await printing.newPage()
    try {
      await signIn(sheet, server.url, 'agent')
      await sheet.goto(`${server.url}${path_}/print`)
      await sheet.locator('[data-test="print-sheet"]').waitFor()
      await sheet.emulateMedia({ media: 'print' })
      assert.equal(await sheet.locator('.el-header').count(), 1)
      assert.equal(await sheet.locator('.el-header').isVisible(), false, 'the app chrome is not printed')
      await sheet.pdf({ path: path.join(artifacts, 'document-print.pdf'), format: 'A4' })
      await screenshot(sheet, 'desktop-document-print')
    } finally {
      await printing.close()
    }
  })
})

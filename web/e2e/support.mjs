// What the browser tests need: the real binary on a fresh database, Debian's Chromium, screenshots.
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
export const binary = process.env.AFTERCARE_BIN ?? path.resolve(here, '../../build/dev/aftercare')
export const artifacts = process.env.E2E_ARTIFACTS ?? path.resolve(here, 'artifacts')
export const password = 'demo2026'

export const desktop = { viewport: { width: 1440, height: 900 } }
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
}

/** `aftercare serve --demo` on a new SQLite file, with the test routes; resolves once it listens. */
export async function startServer() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'aftercare-e2e-'))
  const child = spawn(binary, ['serve', '--demo', '--enable-test-routes', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LANG: 'zh_CN.UTF-8' },
  })
  let log = ''
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 30_000)
    child.stderr.on('data', (chunk) => {
      log += chunk
      const match = /"event":"http\.listening","address":"([^"]+)"/.exec(log)
      if (match) {
        clearTimeout(timer)
        resolve(`http://${match[1]}`)
      }
    })
    child.stdout.on('data', (chunk) => (log += chunk))
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${log}`)))
  })
  return {
    url,
    log: () => log,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((resolve) => child.once('exit', resolve))
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  await mkdir(artifacts, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true })
}

/** Signs in through the sign-in page. */
export async function signIn(page, baseUrl, login) {
  await page.goto(`${baseUrl}/login`)
  await page.locator('[data-test="login"]').fill(login)
  await page.locator('[data-test="password"]').fill(password)
  await page.locator('[data-test="submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** An API caller with its own session (for set-up the test is not about). */
export async function apiSession(baseUrl, login) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  if (!response.ok) throw new Error(`sign-in as ${login} failed: ${response.status}`)
  const cookie = response.headers.get('set-cookie').split(';')[0]
  const { csrf_token: csrf } = await response.json()
  return async (method, target, body) => {
    const answer = await fetch(`${baseUrl}${target}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await answer.text()
    if (!answer.ok) throw new Error(`${method} ${target}: ${answer.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
}

/** Draws a signature on the pad with the mouse (a finger on a phone), until the pad says it holds one. */
export async function drawSignature(page) {
  const canvas = page.locator('[data-test="signature-canvas"]')
  for (let attempt = 0; attempt < 3; attempt++) {
    await canvas.scrollIntoViewIfNeeded()
    const box = await canvas.boundingBox()
    await page.mouse.move(box.x + 20, box.y + box.height / 2)
    await page.mouse.down()
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? -20 : 20))
    await page.mouse.up()
    if ((await canvas.getAttribute('data-signed')) === 'true') return
  }
  throw new Error('the signature pad stayed empty')
}

/** Submits the open action form and waits for it to close; a refusal fails with what the form shows. */
export async function submitAction(page) {
  await page.locator('[data-test="action-submit"]').click()
  try {
    await page.locator('[data-test="action-dialog"]').waitFor({ state: 'hidden', timeout: 10_000 })
  } catch {
    const shown = await page.locator('[data-test="action-dialog"]').innerText().catch(() => '')
    throw new Error(`the action form did not close: ${shown}`)
  }
}

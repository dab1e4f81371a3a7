// The TypeScript types of the API (src/api/schema.d.ts), generated from the server's /api/v1/openapi.json.
//   node e2e/api-types.mjs <openapi.json file or http://… URL>     rewrites src/api/schema.d.ts
// The end-to-end tests generate them again from the running binary and fail when the committed file differs.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

export const schemaFile = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url))

// Routes tagged "test" exist only on servers started with --enable-test-routes; the app never calls them.
function withoutTestRoutes(document) {
  const paths = {}
  for (const [name, operations] of Object.entries(document.paths ?? {})) {
    const kept = Object.fromEntries(Object.entries(operations).filter(([, op]) => !(op.tags ?? []).includes('test')))
    if (Object.keys(kept).length > 0) paths[name] = kept
  }
  return { ...document, paths }
}

export async function generate(document) {
  const ast = await openapiTS(withoutTestRoutes(document))
  return `// Generated from the server's /api/v1/openapi.json by e2e/api-types.mjs; do not edit.\n\n${astToString(ast)}`
}

async function load(source) {
  if (/^https?:/.test(source)) return (await fetch(source)).json()
  return JSON.parse(await readFile(source, 'utf8'))
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = process.argv[2]
  if (!source) {
    console.error('usage: node e2e/api-types.mjs <openapi.json | http://127.0.0.1:8080/api/v1/openapi.json>')
    process.exit(2)
  }
  await writeFile(schemaFile, await generate(await load(source)))
  console.log(`wrote ${schemaFile}`)
}

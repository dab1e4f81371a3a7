import { describe, expect, it } from 'vitest'
import { errorFor, errorsUnder, rowErrors } from './fieldErrors'

describe('field errors', () => {
  const fields = {
    name: '不能为空',
    'phones[1]': '不是有效的电话号码',
    'addresses[0].address': '不能为空',
    'inputs.customer_notice.summary': '必填',
  }
  it('finds the message of a field or of its items', () => {
    expect(errorFor(fields, 'name')).toBe('不能为空')
    expect(errorFor(fields, 'phones')).toBe('不是有效的电话号码')
    expect(errorFor(fields, 'notes')).toBe('')
  })
  it('groups the errors under a prefix', () => {
    expect(errorsUnder(fields, 'inputs')).toEqual({ 'customer_notice.summary': '必填' })
    expect(errorsUnder(fields, 'addresses[0]')).toEqual({ address: '不能为空' })
  })
  it('turns an import report into rows', () => {
    const rows = rowErrors({
      'rows[5].phones[0]': '与第 2 行的电话重复',
      'rows[3].name': '不能为空',
      columns: '缺少必需的列“phones”',
    })
    expect(rows).toEqual([
      { row: 0, field: 'columns', message: '缺少必需的列“phones”' },
      { row: 3, field: 'name', message: '不能为空' },
      { row: 5, field: 'phones', message: '与第 2 行的电话重复' },
    ])
  })
})

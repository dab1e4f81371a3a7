-- W1: register a repair ticket, each with a new phone number, over an API token.
--   wrk -s bench/workloads/register.lua http://127.0.0.1:PORT -- TOKEN
local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

local counter = 0
local run = 0

function init(args)
  wrk.method = "POST"
  wrk.path = "/api/v1/repair-tickets"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept-Language"] = "zh-CN"
  run = tonumber(args[2] or "0")
end

function request()
  counter = counter + 1
  -- 199, the run, the thread and a counter: unique within a database for up to 100,000 requests per thread.
  local phone = string.format("199%01d%02d%05d", run % 10, thread_id % 100, counter % 100000)
  local body = '{"customer_name":"压测客户","phone":"' .. phone .. '","district":"徐汇区",' ..
      '"address":"漕溪北路 201 弄 5 号 802 室","product_model":"SF-1021-BR","problem":"沙发异响",' ..
      '"symptoms":"坐下时左侧扶手有咯吱声","channel":"phone","delivered_on":"2026-03-01"}'
  return wrk.format(nil, nil, nil, body)
end

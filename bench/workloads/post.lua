-- Posts one JSON body to paths taken from a file, each path once per thread's share (thread k of T takes lines
-- k, k + T, ...); after the last it starts again (the server then refuses them, which the report counts).
--   wrk -s bench/workloads/post.lua http://127.0.0.1:PORT -- TOKEN PATHS_FILE BODY
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_index", threads)
end

local paths = {}
local at = 0

function init(args)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept-Language"] = "zh-CN"
  wrk.body = args[3]
  local n = 0
  local count = tonumber(args[4] or "1")
  for line in io.lines(args[2]) do
    n = n + 1
    if n % count == thread_index % count then
      paths[#paths + 1] = line
    end
  end
end

function request()
  at = at % #paths + 1
  return wrk.format(nil, paths[at])
end

-- Read workloads over an API token: the request paths come from a file, one per line, taken in turn.
--   wrk -s bench/workloads/read.lua http://127.0.0.1:PORT -- TOKEN PATHS_FILE
-- Requests are formatted once, in init, and no response() is defined (wrk then neither parses headers for Lua
-- nor calls into it per answer; it counts non-2xx answers itself): the client shares the two cores with the
-- server, and its cost per request should stay near that of the bare /healthz run it is compared with.
local requests = {}
local counter = 0

function init(args)
  local token = args[1]
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept-Language"] = "zh-CN"
  for line in io.lines(args[2]) do
    requests[#requests + 1] = wrk.format("GET", line)
  end
  counter = math.random(#requests)
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

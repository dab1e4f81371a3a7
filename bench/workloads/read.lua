-- Read workloads over an API token: the request paths come from a file, one per line, taken in turn.
--   wrk -s bench/workloads/read.lua http://127.0.0.1:PORT -- TOKEN PATHS_FILE
local paths = {}
local counter = 0

function init(args)
  local token = args[1]
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Accept-Language"] = "zh-CN"
  for line in io.lines(args[2]) do
    paths[#paths + 1] = line
  end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

local failures = 0
function response(status)
  if status ~= 200 then
    failures = failures + 1
  end
end

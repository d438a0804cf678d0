-- wrk: POST the activity in $BODY_FILE to /api/messages, unsigned (the bots run in anonymous mode).
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

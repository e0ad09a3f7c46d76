-- Driven by scripts/lsp-neovim: Neovim's own LSP client against `csbs lsp`. Prints what Neovim received.
local csbs = os.getenv("CSBS_BIN")
local file = os.getenv("CSBS_FILE")
local out = io.stdout
local published = 0
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  published = published + 1
  vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

local function fail(message)
  out:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function show(buf, title)
  local diagnostics = vim.diagnostic.get(buf)
  out:write(title .. ": " .. #diagnostics .. " diagnostic(s)\n")
  for _, d in ipairs(diagnostics) do
    out:write(string.format("  %d:%d [%s] %s\n", d.lnum + 1, d.col + 1, tostring(d.code), d.message))
  end
  return diagnostics
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = "csbs", cmd = { csbs, "lsp" }, root_dir = vim.fn.fnamemodify(file, ":h") })
if not id then fail("the client did not start") end
vim.lsp.buf_attach_client(buf, id)
if not vim.wait(20000, function() return published >= 1 end, 20) then fail("no diagnostics after opening") end
if #show(buf, "opened " .. vim.fn.fnamemodify(file, ":t")) ~= 0 then fail("the example has diagnostics") end

-- Introduce an error, as a person typing would.
vim.api.nvim_buf_set_lines(buf, -1, -1, false, { "backupp wait" })
if not vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  fail("no diagnostics after the change")
end
local after = show(buf, "after adding 'backupp wait'")
if after[1].code ~= "parse.unknownStatement" then fail("unexpected code " .. tostring(after[1].code)) end

-- Hover on the first `vault` or `backup` statement: the reference text.
local target
for number, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  local word = line:match("^%s*(%a+)")
  if word == "vault" or word == "backup" then
    target = { line = number - 1, character = line:find("%a") }
    break
  end
end
if target then
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover",
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = target }, 10000)
  local _, answer = next(hover or {})
  local value = answer and answer.result and answer.result.contents and answer.result.contents.value
  if not value then fail("no hover on line " .. (target.line + 1)) end
  out:write("hover on line " .. (target.line + 1) .. ": " .. value:match("^[^\n]*") .. "\n")
end

vim.lsp.stop_client(id)
out:write("OK\n")
vim.cmd("qall!")

-- Drives Neovim's built-in LSP client (0.7+) against the SMTP Codes server, headless: opens
-- a log, waits for the diagnostics, asks a hover at the first one and the references of the
-- queue ID $SMTP_CODES_QUEUE_ID on the first line, writes what it read as JSON to
-- $SMTP_CODES_OUT and quits. Used by test/editors/neovim.test.ts.
local server = os.getenv('SMTP_CODES_SERVER')
local out = os.getenv('SMTP_CODES_OUT')
local log = os.getenv('SMTP_CODES_LOG')
local queue_id = os.getenv('SMTP_CODES_QUEUE_ID')

local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

vim.cmd('edit ' .. vim.fn.fnameescape(log))
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'smtp-codes',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(log, ':h'),
  settings = { smtpCodes = { severity = { transient = 'warning' } } },
})
if not client_id then
  finish({ error = 'could not start the server' })
  return
end
vim.lsp.buf_attach_client(buf, client_id)

local got = vim.wait(20000, function()
  return #vim.diagnostic.get(buf) >= 2
end, 50)
if not got then
  finish({ error = 'no diagnostics within 20 s' })
  return
end

local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(diagnostics, { line = d.lnum, col = d.col, severity = d.severity, source = d.source, message = d.message, code = lsp.code })
end
table.sort(diagnostics, function(a, b) return a.line < b.line end)

local first = diagnostics[1]
local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = first.line, character = first.col } }
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
local hover = ''
for _, r in pairs(responses) do
  if r.result and r.result.contents then
    hover = r.result.contents.value or ''
  end
end

-- Find All References on the queue ID of the first line (vim.lsp.buf.references() asks the same).
local first_line = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
local at = string.find(first_line, queue_id, 1, true)
local references = {}
if at then
  local ref_params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = 0, character = at + 1 },
    context = { includeDeclaration = true },
  }
  for _, r in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/references', ref_params, 10000) or {}) do
    for _, loc in ipairs(r.result or {}) do
      table.insert(references, { uri = loc.uri, line = loc.range.start.line, col = loc.range.start.character })
    end
  end
end

finish({ diagnostics = diagnostics, hover = hover, references = references })

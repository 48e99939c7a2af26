"""The language server: `rasim lsp` speaks the Language Server Protocol over stdio."""

// Start `rasim lsp` for .rasim files; everything else comes from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("rasim").get("server.command", ["rasim", "lsp"]);
  client = new LanguageClient(
    "rasim",
    "Rasim",
    { run: { command, args }, debug: { command, args } },
    { documentSelector: [{ scheme: "file", language: "rasim" }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

// Tokenise files with the TextMate grammar, as VS Code does; print every token
// scoped invalid.illegal as JSON lines "file:line:column text", and exit 1 if any.
"use strict";

const fs = require("fs");
const path = require("path");
const oniguruma = require("vscode-oniguruma");
const textmate = require("vscode-textmate");

async function main(files) {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => {
      const file = path.join(__dirname, "..", "syntaxes", "rasim.tmLanguage.json");
      return textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
    },
  });
  const grammar = await registry.loadGrammar("source.rasim");
  let bad = 0;
  for (const file of files) {
    const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
    let stack = textmate.INITIAL;
    lines.forEach((line, number) => {
      const result = grammar.tokenizeLine(line, stack);
      for (const token of result.tokens) {
        const scopes = token.scopes.join(" ");
        if (scopes.includes("invalid.illegal") || process.env.RASIM_DUMP_TOKENS) {
          if (scopes.includes("invalid.illegal")) bad += 1;
          console.log(JSON.stringify({ file, line: number + 1, column: token.startIndex + 1,
                                       text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
        }
      }
      stack = result.ruleStack;
    });
  }
  process.exit(bad ? 1 : 0);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(2);
});

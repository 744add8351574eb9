#include "rules/expr/diagnostic.h"

namespace tend::rules::expr {

std::string Diagnostic::Render(std::string_view source) const {
  // Find the requested line; a position past the end renders an empty source line.
  std::string_view rest = source;
  for (int l = 1; l < line && !rest.empty(); ++l) {
    size_t nl = rest.find('\n');
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  std::string_view text = rest.substr(0, rest.find('\n'));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);

  std::string out = std::to_string(line) + ":" + std::to_string(column) + ": " + message + "\n";
  out.append(text);
  out += '\n';
  for (int c = 1; c < column; ++c) {
    size_t i = static_cast<size_t>(c - 1);
    out += i < text.size() && text[i] == '\t' ? '\t' : ' ';
  }
  out += '^';
  return out;
}

Diagnostic Diagnostic::Shifted(int start_line, int start_col, int continuation_indent) const {
  Diagnostic d = *this;
  if (line == 1) {
    d.line = start_line;
    d.column = start_col + column - 1;
  } else {
    d.line = start_line + line - 1;
    d.column = column + continuation_indent;
  }
  return d;
}

std::string RenderAll(const std::vector<Diagnostic>& diagnostics, std::string_view source) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.Render(source);
  }
  return out;
}

}  // namespace tend::rules::expr

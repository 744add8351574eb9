// Finds the rules of a definitions file (their name, `when:` condition and lines) without a
// YAML library: enough for the editor's rule preview, which only needs each condition's text.
// Handles block items (`- name: x` then `when: ...`, plain, quoted or a `>`/`|` block) and
// one-line flow items (`- {name: x, when: ...}`).

export interface RuleRef {
  name: string;
  when: string;
  line: number; // 1-based line of the rule's "- name:" item
  endLine: number; // last line of the rule
  whenLine: number | null;
}

function unquote(v: string): string {
  const s = v.trim();
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  return s.replace(/\s+#.*$/, '');
}

const indentOf = (l: string) => l.length - l.trimStart().length;

export function findRules(text: string): RuleRef[] {
  const lines = text.split('\n');
  const out: RuleRef[] = [];
  let inRules = false;
  let cur: RuleRef | null = null;
  let itemIndent = -1;
  const close = (end: number) => {
    if (cur) {
      cur.endLine = end;
      out.push(cur);
      cur = null;
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (/^\S/.test(line) && !t.startsWith('#')) {
      close(i);
      inRules = /^rules:\s*(#.*)?$/.test(line);
      itemIndent = -1;
      continue;
    }
    if (!inRules || t === '' || t.startsWith('#')) continue;
    const item = /^(\s*)-\s+(.*)$/.exec(line);
    if (item && (itemIndent < 0 || item[1].length === itemIndent)) {
      close(i);
      itemIndent = item[1].length;
      const rest = item[2];
      const flow = /^\{(.*)\}\s*$/.exec(rest);
      if (flow) {
        const name = /(?:^|,)\s*name:\s*([^,]+)/.exec(flow[1]);
        const when = /(?:^|,)\s*when:\s*('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^,}]+)/.exec(flow[1]);
        cur = { name: name ? unquote(name[1]) : '', when: when ? unquote(when[1]) : '', line: i + 1, endLine: i + 1, whenLine: when ? i + 1 : null };
        continue;
      }
      cur = { name: '', when: '', line: i + 1, endLine: i + 1, whenLine: null };
      const kv = /^name:\s*(.*)$/.exec(rest);
      if (kv) cur.name = unquote(kv[1]);
      continue;
    }
    if (!cur) continue;
    const kv = /^(\s*)(name|when):\s*(.*)$/.exec(line);
    if (!kv || indentOf(line) !== itemIndent + 2) continue;
    if (kv[2] === 'name') {
      cur.name = unquote(kv[3]);
    } else {
      cur.whenLine = i + 1;
      const v = kv[3].trim();
      if (v === '>' || v === '|' || v === '>-' || v === '|-') {
        const parts: string[] = [];
        while (i + 1 < lines.length && (lines[i + 1].trim() === '' || indentOf(lines[i + 1]) > itemIndent + 2)) {
          parts.push(lines[++i].trim());
        }
        cur.when = parts.filter(Boolean).join(v.startsWith('>') ? ' ' : '\n');
      } else {
        cur.when = unquote(v);
      }
    }
  }
  close(lines.length);
  return out.filter((r) => r.name);
}

export function ruleAtLine(rules: RuleRef[], line: number): RuleRef | undefined {
  return rules.find((r) => line >= r.line && line <= r.endLine);
}

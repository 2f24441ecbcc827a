// Slack mrkdwn to a small token tree, and the tree to DOM nodes. The parser is pure (no DOM) so that it can be
// tested in Node; the renderer builds elements with textContent only, never innerHTML.

const EMOJI = {
  key: "🔑", large_green_circle: "🟢", large_yellow_circle: "🟡", red_circle: "🔴", white_circle: "⚪", tada: "🎉",
  warning: "⚠️", white_check_mark: "✅", zzz: "💤", wave: "👋", calendar: "📅", memo: "📝", bell: "🔔", fire: "🔥",
  chart_with_upwards_trend: "📈", chart_with_downwards_trend: "📉", star: "⭐", x: "❌", heavy_check_mark: "✔️",
  hourglass: "⌛", email: "📧", phone: "📞", handshake: "🤝", sunny: "☀️", rotating_light: "🚨", information_source: "ℹ️",
  eyes: "👀", thumbsup: "👍", "+1": "👍", point_right: "👉", arrow_up: "⬆️", arrow_down: "⬇️", moneybag: "💰",
};

/** Slack sends &, < and > as entities; everything else is literal. */
export function decodeEntities(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** `:tada:` to 🎉 for the shortcodes the bot uses (and a few common ones). */
export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

/** `<…>` tokens: mentions, channels, special mentions, dates and links. */
function angleToken(inner) {
  const [target, ...rest] = inner.split("|");
  const label = rest.length ? decodeEntities(rest.join("|")) : undefined;
  if (target.startsWith("@")) return { type: "user", id: target.slice(1), label };
  if (target.startsWith("#")) return { type: "channel", id: target.slice(1), label };
  if (target.startsWith("!date^")) {
    const [, ts, format, link] = target.split("^");
    return { type: "date", ts: Number(ts), format: format ?? "{date}", link, fallback: label ?? "" };
  }
  if (target.startsWith("!")) return { type: "special", name: target.slice(1).split("^")[0], label };
  return { type: "link", url: decodeEntities(target), label };
}

const STYLES = { "*": "bold", _: "italic", "~": "strike" };
const BOUNDARY_BEFORE = /[\s([{"'“‘>.,;:!?-]/;

/** Inline tokens of one paragraph (no code blocks or quotes inside). */
function inline(text) {
  const out = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push({ type: "text", text: emojify(decodeEntities(plain)) });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\n") {
      flush();
      out.push({ type: "br" });
      i += 1;
      continue;
    }
    if (ch === "<") {
      const end = text.indexOf(">", i + 1);
      if (end > i + 1) {
        flush();
        out.push(angleToken(text.slice(i + 1, end)));
        i = end + 1;
        continue;
      }
    }
    if (ch === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: "code", text: decodeEntities(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    const style = STYLES[ch];
    if (style && (i === 0 || BOUNDARY_BEFORE.test(text[i - 1])) && text[i + 1] && !/\s/.test(text[i + 1])) {
      let end = text.indexOf(ch, i + 1);
      while (end > 0 && /\s/.test(text[end - 1])) end = text.indexOf(ch, end + 1);
      const lineEnd = text.indexOf("\n", i);
      if (end > i + 1 && (lineEnd === -1 || end < lineEnd)) {
        flush();
        out.push({ type: style, children: inline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
  return out;
}

/** The token tree of a mrkdwn string: ``` blocks, > quotes, then inline styles, links, mentions and dates. */
export function parseMrkdwn(text) {
  const out = [];
  const parts = String(text ?? "").split("```");
  parts.forEach((part, index) => {
    if (index % 2 === 1 && index < parts.length - 1) {
      out.push({ type: "pre", text: decodeEntities(part.replace(/^\n/, "")) });
      return;
    }
    const source = index % 2 === 1 ? "```" + part : part;
    const lines = source.split("\n");
    let buffer = [];
    let quote = [];
    const flushBuffer = () => {
      if (buffer.length) out.push(...inline(buffer.join("\n")));
      buffer = [];
    };
    const flushQuote = () => {
      if (quote.length) out.push({ type: "quote", children: inline(quote.join("\n")) });
      quote = [];
    };
    for (const line of lines) {
      const quoted = /^(&gt;|>) ?(.*)$/.exec(line);
      if (quoted) {
        flushBuffer();
        quote.push(quoted[2]);
      } else {
        flushQuote();
        buffer.push(line);
      }
    }
    flushBuffer();
    flushQuote();
  });
  return out;
}

const DATE_FORMATS = {
  date_num: { year: "numeric", month: "2-digit", day: "2-digit" },
  date: { year: "numeric", month: "long", day: "numeric" },
  date_short: { year: "numeric", month: "short", day: "numeric" },
  date_long: { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  date_pretty: { year: "numeric", month: "long", day: "numeric" },
  date_short_pretty: { year: "numeric", month: "short", day: "numeric" },
  date_long_pretty: { weekday: "long", year: "numeric", month: "long", day: "numeric" },
  time: { hour: "numeric", minute: "2-digit" },
  time_secs: { hour: "numeric", minute: "2-digit", second: "2-digit" },
  day_divider_pretty: { weekday: "long", month: "long", day: "numeric" },
};

/** `<!date^…^{date_short} at {time}|…>` in the reader's timezone, as Slack shows it. */
export function formatSlackDate(ts, format, timeZone, locale = "en-US") {
  if (!Number.isFinite(ts)) return null;
  const date = new Date(ts * 1000);
  return format.replace(/\{([a-z_]+)\}/g, (whole, name) => {
    const options = DATE_FORMATS[name];
    return options ? new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date) : whole;
  });
}

/**
 * DOM nodes for a token tree. `ctx`: { document, userName(id), channelName(id), timeZone, locale }.
 */
export function renderMrkdwn(tokens, ctx) {
  const doc = ctx.document;
  const fragment = doc.createDocumentFragment();
  const el = (tag, className, text) => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        fragment.append(doc.createTextNode(token.text));
        break;
      case "br":
        fragment.append(el("br"));
        break;
      case "bold":
      case "italic":
      case "strike": {
        const node = el({ bold: "b", italic: "i", strike: "s" }[token.type]);
        node.append(renderMrkdwn(token.children, ctx));
        fragment.append(node);
        break;
      }
      case "code":
        fragment.append(el("code", "", token.text));
        break;
      case "pre":
        fragment.append(el("pre", "", token.text));
        break;
      case "quote": {
        const node = el("blockquote");
        node.append(renderMrkdwn(token.children, ctx));
        fragment.append(node);
        break;
      }
      case "user":
        fragment.append(el("span", "mention", `@${ctx.userName(token.id) ?? token.label ?? token.id}`));
        break;
      case "channel":
        fragment.append(el("span", "mention", `#${ctx.channelName(token.id) ?? token.label ?? token.id}`));
        break;
      case "special":
        fragment.append(el("span", "mention", `@${token.label ?? token.name}`));
        break;
      case "date":
        fragment.append(el("time", "", formatSlackDate(token.ts, token.format, ctx.timeZone, ctx.locale) ?? token.fallback));
        break;
      case "link": {
        const safe = /^(https?:|mailto:)/i.test(token.url);
        const node = el(safe ? "a" : "span", "link", token.label ?? token.url);
        if (safe) {
          node.href = token.url;
          node.target = "_blank";
          node.rel = "noopener noreferrer";
        }
        fragment.append(node);
        break;
      }
    }
  }
  return fragment;
}

// Block Kit as Slack draws it, readably: header, section (text and fields), context, actions with
// buttons, divider, and mrkdwn with its <…> controls (links, mentions, <!date^…> in the reader's own
// time zone). Built with DOM nodes and textContent: nothing the bot sends is ever parsed as HTML.
(function () {
  'use strict';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const unescape = text => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  // Slack's date tokens, in the reader's locale and time zone.
  function formatDate(unix, format, link) {
    const date = new Date(unix * 1000);
    const day = d => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    const today = day(new Date());
    const pretty = style => {
      const diff = Math.round((day(date) - today) / 86400000);
      return diff === 0 ? 'today' : diff === -1 ? 'yesterday' : diff === 1 ? 'tomorrow' : new Intl.DateTimeFormat(undefined, { dateStyle: style }).format(date);
    };
    const tokens = {
      date_num: () => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`,
      date: () => new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(date),
      date_short: () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(date),
      date_long: () => new Intl.DateTimeFormat(undefined, { dateStyle: 'full' }).format(date),
      date_pretty: () => pretty('long'),
      date_short_pretty: () => pretty('medium'),
      date_long_pretty: () => pretty('full'),
      time: () => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(date),
      time_secs: () => new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(date),
      ago: () => {
        const minutes = Math.round((date.getTime() - Date.now()) / 60000);
        const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
        return Math.abs(minutes) < 60 ? rtf.format(minutes, 'minute')
          : Math.abs(minutes) < 1440 ? rtf.format(Math.round(minutes / 60), 'hour')
            : rtf.format(Math.round(minutes / 1440), 'day');
      },
    };
    const text = format.replace(/\{(\w+)\}/g, (whole, name) => (tokens[name] ? tokens[name]() : whole));
    const node = link && /^https?:/.test(link) ? el('a', 'slack-date', text) : el('span', 'slack-date', text);
    if (node.tagName === 'A') {
      node.href = link;
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
    }
    node.title = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' }).format(date);
    return node;
  }

  // One <…> control: a date, a special mention, a user or channel, or a link.
  function control(inner, names) {
    const [target, label] = inner.split('|', 2).map(unescape);
    if (target.startsWith('!date^')) {
      const [, unix, format, link] = target.split('^');
      const seconds = Number(unix);
      return Number.isFinite(seconds) ? formatDate(seconds, format ?? '', link) : document.createTextNode(label ?? target);
    }
    if (target.startsWith('!subteam^')) return el('span', 'slack-mention', label ?? '@group');
    if (target.startsWith('!')) return el('span', 'slack-mention', '@' + target.slice(1));
    if (target.startsWith('@')) return el('span', 'slack-mention', '@' + (label ?? names[target.slice(1)] ?? target.slice(1)));
    if (target.startsWith('#')) return el('span', 'slack-mention', '#' + (label ?? target.slice(1)));
    if (/^(https?:|mailto:)/.test(target)) {
      const a = el('a', null, label ?? target);
      a.href = target;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      return a;
    }
    return document.createTextNode(label ?? target);
  }

  const inlinePattern = /<([^<>\n]+)>|\*([^*\n]+)\*|_([^_\n]+)_|~([^~\n]+)~|`([^`\n]+)`/g;

  function inline(text, names, into) {
    let at = 0;
    for (const m of text.matchAll(inlinePattern)) {
      if (m.index > at) into.appendChild(document.createTextNode(unescape(text.slice(at, m.index))));
      if (m[1] !== undefined) into.appendChild(control(m[1], names));
      else if (m[2] !== undefined) inline(m[2], names, into.appendChild(el('b')));
      else if (m[3] !== undefined) inline(m[3], names, into.appendChild(el('i')));
      else if (m[4] !== undefined) inline(m[4], names, into.appendChild(el('s')));
      else into.appendChild(el('code', null, unescape(m[5])));
      at = m.index + m[0].length;
    }
    if (at < text.length) into.appendChild(document.createTextNode(unescape(text.slice(at))));
  }

  // mrkdwn: ``` blocks, > quotes, then the inline marks of each line.
  function mrkdwn(text, names) {
    const out = el('div', 'mrkdwn');
    text.split('```').forEach((part, i) => {
      if (i % 2 === 1) {
        out.appendChild(el('pre', null, unescape(part.replace(/^\n|\n$/g, ''))));
        return;
      }
      let quote = null;
      part.split('\n').forEach((line, n, lines) => {
        const quoted = line.startsWith('>') || line.startsWith('&gt;');
        const target = quoted ? (quote ??= out.appendChild(el('blockquote'))) : out;
        if (!quoted) quote = null;
        inline(quoted ? line.replace(/^(>|&gt;)\s?/, '') : line, names, target);
        if (n < lines.length - 1) target.appendChild(el('br'));
      });
    });
    return out;
  }

  const textObject = (object, names) =>
    object?.type === 'mrkdwn' ? mrkdwn(object.text ?? '', names) : el('div', 'plain', object?.text ?? '');

  function block(b, names, onButton) {
    switch (b.type) {
      case 'header':
        return el('div', 'slack-header', b.text?.text ?? '');
      case 'section': {
        const section = el('div', 'slack-section');
        if (b.text) section.appendChild(textObject(b.text, names));
        if (b.fields?.length) {
          const fields = section.appendChild(el('div', 'slack-fields'));
          b.fields.forEach(f => fields.appendChild(textObject(f, names)));
        }
        if (b.accessory?.type === 'button') section.appendChild(button(b.accessory, b, onButton));
        return section;
      }
      case 'context': {
        const context = el('div', 'slack-context');
        (b.elements ?? []).forEach(e => context.appendChild(e.type === 'image' ? el('span', null, e.alt_text ?? '') : textObject(e, names)));
        return context;
      }
      case 'actions': {
        const actions = el('div', 'slack-actions');
        (b.elements ?? []).forEach(e => {
          actions.appendChild(e.type === 'button' ? button(e, b, onButton) : el('span', 'slack-unsupported', `[${e.type}]`));
        });
        return actions;
      }
      case 'divider':
        return el('hr', 'slack-divider');
      default:
        return el('div', 'slack-unsupported', `[${b.type} block]`);
    }
  }

  function button(element, parent, onButton) {
    const node = el('button', `slack-button ${element.style ?? ''}`.trim(), element.text?.text ?? '');
    node.type = 'button';
    node.addEventListener('click', () => onButton(element, parent));
    return node;
  }

  // A message: its blocks, or its text when it has none (Slack shows text as the fallback then).
  function render(message, names, onButton) {
    const body = el('div', 'slack-blocks');
    if (message.blocks?.length) message.blocks.forEach(b => body.appendChild(block(b, names, onButton)));
    else body.appendChild(mrkdwn(message.text ?? '', names));
    return body;
  }

  window.SlackBlocks = { render, mrkdwn };
})();

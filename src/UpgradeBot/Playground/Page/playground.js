// The playground page. It plays the two platforms towards the bot's real endpoints: Teams activities
// to /api/messages (anonymous, with this page's own serviceUrl), Slack events, clicks and commands
// to /api/slack/* signed with the playground's secret. What the bot sends back arrives at the
// playground's Teams connector and Slack Web API and is read here from /playground/feed.
(function () {
  'use strict';

  const origin = location.origin;
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const $ = selector => document.querySelector(selector);
  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
  const newId = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 10);

  let session;
  let feedAfter = 0;
  let slackTsCounter = Math.floor(Math.random() * 1000);
  const messages = new Map();
  const panes = new Map();

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setStatus(text, isError) {
    const status = $('#status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail ?? body.title ?? JSON.stringify(body);
    } catch {
      return response.statusText;
    }
  }

  async function post(path, body, headers) {
    const response = await fetch(path, { method: 'POST', headers, body });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await problem(response)}`);
    return response;
  }

  const postJson = (path, value) => post(path, JSON.stringify(value), { 'content-type': 'application/json' });

  // ---------- where things are shown

  function paneOf(platform, conversation) {
    return panes.get(`${platform}|${conversation}`);
  }

  function message(who, content, notes) {
    const node = el('div', `message ${who === 'user' ? 'from-user' : 'from-bot'}`);
    const meta = node.appendChild(el('div', 'meta'));
    meta.appendChild(el('span', 'name', who === 'user' ? session.teams.user.name : 'UpgradeBot'));
    meta.appendChild(el('span', 'time', new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date())));
    for (const note of notes ?? []) meta.appendChild(el('span', 'note', note));
    node.appendChild(el('div', 'content')).appendChild(content);
    return node;
  }

  function append(pane, node) {
    pane.appendChild(node);
    pane.scrollTop = pane.scrollHeight;
  }

  function complain(pane, text) {
    append(pane, el('div', 'message failure', text));
  }

  function show(item) {
    const pane = paneOf(item.platform, item.conversation);
    if (!pane) return;
    const key = `${item.platform}|${item.conversation}|${item.id}`;
    const content = item.platform === 'teams'
      ? teamsContent(item.body, item.conversation, item.id)
      : slackContent(item.body, item.conversation, item.id);
    if (item.kind === 'update' && messages.has(key)) {
      const existing = messages.get(key);
      existing.querySelector('.content').replaceChildren(content);
      existing.classList.add('edited');
      return;
    }
    const notes = [];
    if (item.threadId) notes.push('reply in thread');
    if (item.kind === 'ephemeral') notes.push('only visible to you');
    if (item.kind === 'update') notes.push('edited');
    const node = message('bot', content, notes);
    if (item.threadId) node.classList.add('in-thread');
    if (item.kind === 'ephemeral') node.classList.add('ephemeral');
    else if (item.id) messages.set(key, node);
    append(pane, node);
  }

  async function follow() {
    for (;;) {
      try {
        const response = await fetch(`/playground/feed?after=${feedAfter}`);
        if (!response.ok) throw new Error(await problem(response));
        const { posts } = await response.json();
        for (const item of posts) {
          feedAfter = Math.max(feedAfter, item.sequence);
          show(item);
        }
      } catch (e) {
        setStatus(`Lost the bot (${e.message}); trying again`, true);
        await sleep(2000);
      }
    }
  }

  // ---------- Teams

  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = window.markdownit().render(text);
    result.didProcess = true;
  };
  const hostConfig = new AdaptiveCards.HostConfig({ fontFamily: '"Segoe UI", system-ui, sans-serif' });

  function teamsConversation(id) {
    const teams = session.teams;
    return id === teams.chat
      ? { id, conversationType: 'personal', tenantId: teams.tenant }
      : { id, conversationType: 'channel', isGroup: true, tenantId: teams.tenant, name: id === teams.announcements ? 'Announcements' : 'Customer Champions' };
  }

  function teamsActivity(conversationId, fields, channelData) {
    const teams = session.teams;
    const conversation = teamsConversation(conversationId);
    const now = new Date();
    return {
      id: newId(),
      timestamp: now.toISOString(),
      localTimestamp: now.toISOString(),
      localTimezone: timeZone,
      serviceUrl: origin + teams.serviceUrlPath,
      channelId: 'msteams',
      from: { id: teams.user.id, name: teams.user.name, aadObjectId: teams.user.aadObjectId },
      recipient: { id: teams.bot.id, name: teams.bot.name },
      conversation,
      channelData: Object.assign(
        { tenant: { id: teams.tenant } },
        conversation.conversationType === 'channel' ? { team: { id: teams.team, name: 'Playground' }, channel: { id: conversationId, name: conversation.name } } : {},
        channelData),
      locale: navigator.language,
      ...fields,
    };
  }

  const toTeams = activity => postJson('/api/messages', activity);

  function teamsCard(card, conversation, messageId) {
    const adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.hostConfig = hostConfig;
    adaptiveCard.parse(card);
    adaptiveCard.onExecuteAction = action => teamsAction(action, conversation, messageId);
    return adaptiveCard.render() ?? el('div', 'fallback', card.fallbackText ?? '(a card this page cannot draw)');
  }

  function teamsContent(activity, conversation, messageId) {
    const content = el('div', 'teams-content');
    if (activity.text) content.appendChild(el('p', 'teams-text', activity.text));
    for (const attachment of activity.attachments ?? []) {
      if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') {
        content.appendChild(teamsCard(attachment.content, conversation, messageId));
      }
    }
    return content;
  }

  // A click on a card: Action.Execute is an adaptiveCard/action invoke whose answer replaces the card for the clicker.
  async function teamsAction(action, conversation, messageId) {
    const pane = paneOf('teams', conversation);
    try {
      switch (action.getJsonTypeName()) {
        case 'Action.Execute': {
          const response = await toTeams(teamsActivity(conversation, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            replyToId: messageId,
            value: { action: { type: 'Action.Execute', id: action.id, verb: action.verb, data: action.data }, trigger: 'manual' },
          }));
          const answer = await response.json();
          const shown = messages.get(`teams|${conversation}|${messageId}`);
          if (answer.type === 'application/vnd.microsoft.card.adaptive' && shown) {
            shown.querySelector('.content').replaceChildren(teamsCard(answer.value, conversation, messageId));
          } else if (answer.type === 'application/vnd.microsoft.activity.message') {
            append(pane, message('bot', el('p', 'teams-text', answer.value), ['only visible to you']));
          } else {
            complain(pane, `The bot answered the click with ${JSON.stringify(answer)}`);
          }
          break;
        }
        case 'Action.Submit':
          await toTeams(teamsActivity(conversation, { type: 'message', replyToId: messageId, value: action.data }));
          break;
        case 'Action.OpenUrl':
          window.open(action.url, '_blank', 'noopener');
          break;
        default:
          complain(pane, `${action.getJsonTypeName()} is not something Teams sends to a bot.`);
      }
    } catch (e) {
      complain(pane, e.message);
    }
  }

  async function askTeams(text) {
    const pane = paneOf('teams', session.teams.chat);
    append(pane, message('user', el('p', 'teams-text', text)));
    try {
      await toTeams(teamsActivity(session.teams.chat, { type: 'message', text, textFormat: 'plain' }));
    } catch (e) {
      complain(pane, e.message);
    }
  }

  // ---------- Slack

  function slackTs() {
    slackTsCounter = (slackTsCounter + 1) % 1000000;
    return `${Math.floor(Date.now() / 1000)}.${String(slackTsCounter).padStart(6, '0')}`;
  }

  function toSlack(path, body, contentType) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return post(path, body, {
      'content-type': contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': 'v0=' + window.hmacSha256Hex(session.slack.signingSecret, `v0:${timestamp}:${body}`),
    });
  }

  function slackEvent(event) {
    const slack = session.slack;
    return JSON.stringify({
      token: 'playground',
      team_id: slack.team,
      api_app_id: 'APLAYGROUND',
      event: { event_ts: slackTs(), team: slack.team, ...event },
      type: 'event_callback',
      event_id: 'Ev' + newId().toUpperCase(),
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: slack.team, user_id: slack.botUser, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    });
  }

  function slackNames() {
    const slack = session.slack;
    return { [slack.botUser]: 'UpgradeBot', [slack.user.id]: slack.user.name };
  }

  function slackContent(body, channel, ts) {
    return window.SlackBlocks.render(body, slackNames(), (element, block) => slackClick(element, block, channel, ts, body));
  }

  // A click on a button: a signed block_actions payload whose response_url names the message it may replace.
  async function slackClick(element, block, channel, ts, shown) {
    const slack = session.slack;
    const payload = {
      type: 'block_actions',
      user: { id: slack.user.id, username: 'playground.user', name: 'playground.user', team_id: slack.team },
      api_app_id: 'APLAYGROUND',
      token: 'playground',
      container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
      trigger_id: `${Date.now()}.${newId()}`,
      team: { id: slack.team, domain: 'playground' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: channel === slack.chat ? 'directmessage' : channel },
      message: { type: 'message', user: slack.botUser, bot_id: slack.bot, ts, text: shown.text, blocks: shown.blocks },
      state: { values: {} },
      response_url: `${origin}${slack.responsePath}/${encodeURIComponent(channel)}/${encodeURIComponent(ts)}`,
      actions: [{ type: 'button', action_id: element.action_id, block_id: block.block_id ?? newId(), text: element.text, value: element.value, style: element.style, action_ts: slackTs() }],
    };
    try {
      await toSlack('/api/slack/interactions', 'payload=' + encodeURIComponent(JSON.stringify(payload)), 'application/x-www-form-urlencoded');
    } catch (e) {
      complain(paneOf('slack', channel), e.message);
    }
  }

  function slackUserMessage(text) {
    const content = el('div', 'slack-blocks');
    content.appendChild(window.SlackBlocks.mrkdwn(text, slackNames()));
    return message('user', content);
  }

  async function askSlack(text) {
    const slack = session.slack;
    const pane = paneOf('slack', slack.chat);
    append(pane, slackUserMessage(text));
    try {
      const command = /^\/upgrade\b\s*(.*)$/s.exec(text);
      if (command) {
        const form = new URLSearchParams({
          token: 'playground', team_id: slack.team, team_domain: 'playground', channel_id: slack.chat, channel_name: 'directmessage',
          user_id: slack.user.id, user_name: 'playground.user', command: '/upgrade', text: command[1], api_app_id: 'APLAYGROUND',
          response_url: `${origin}${slack.responsePath}/${slack.chat}/command`, trigger_id: `${Date.now()}.${newId()}`,
        }).toString();
        const answer = await (await toSlack('/api/slack/commands', form, 'application/x-www-form-urlencoded')).json();
        const node = message('bot', slackContent(answer, slack.chat, slackTs()), answer.response_type === 'in_channel' ? [] : ['only visible to you']);
        if (answer.response_type !== 'in_channel') node.classList.add('ephemeral');
        append(pane, node);
        return;
      }
      const ts = slackTs();
      await toSlack('/api/slack/events', slackEvent({ type: 'message', channel: slack.chat, channel_type: 'im', user: slack.user.id, text, ts, client_msg_id: newId() }), 'application/json');
    } catch (e) {
      complain(pane, e.message);
    }
  }

  // ---------- joining, announcements, the demo schedule

  // The bot is added to the conversations as the platforms tell it: it subscribes them and says hello the first time.
  async function join() {
    const teams = session.teams;
    const slack = session.slack;
    await toTeams(teamsActivity(teams.chat, { type: 'installationUpdate', action: 'add' }));
    await toTeams(teamsActivity(teams.announcements, { type: 'conversationUpdate', membersAdded: [{ id: teams.bot.id, name: teams.bot.name }] }, { eventType: 'teamMemberAdded' }));
    await toSlack('/api/slack/events', slackEvent({ type: 'member_joined_channel', user: slack.botUser, channel: slack.announcements, channel_type: 'C', inviter: slack.user.id }), 'application/json');
  }

  async function untilSubscribed() {
    for (let tries = 0; tries < 120; tries++) {
      const { subscribed } = await (await fetch('/playground/session')).json();
      if (subscribed.teams && subscribed.slack) return true;
      await sleep(250);
    }
    return false;
  }

  function announceControls() {
    const controls = $('#announce-kinds');
    const result = $('#announce-result');
    const buttons = session.announcementKinds.map(kind => {
      const button = el('button', null, kind);
      button.type = 'button';
      button.dataset.testid = `announce-${kind}`;
      button.disabled = true;
      button.addEventListener('click', async () => {
        buttons.forEach(b => { b.disabled = true; });
        result.textContent = `Posting ${kind}…`;
        result.classList.remove('error');
        try {
          const { posted } = await (await postJson('/playground/announce', { kind })).json();
          const failed = Object.entries(posted).filter(([, outcome]) => outcome !== 'sent');
          result.textContent = failed.length === 0 ? `${kind}: posted in Teams and Slack` : failed.map(([platform, outcome]) => `${platform}: ${outcome}`).join('; ');
          result.classList.toggle('error', failed.length > 0);
        } catch (e) {
          result.textContent = e.message;
          result.classList.add('error');
        } finally {
          buttons.forEach(b => { b.disabled = false; });
        }
      });
      return controls.appendChild(button);
    });
    return buttons;
  }

  function demoControl() {
    const label = $('#demo-label');
    if (!session.demo) {
      label.hidden = true;
      return;
    }
    const select = $('#demo');
    for (const scenario of session.demo.scenarios) {
      const option = select.appendChild(el('option', null, scenario.label));
      option.value = scenario.id;
    }
    select.value = session.demo.scenario;
    select.addEventListener('change', async () => {
      try {
        await postJson('/playground/demo', { scenario: select.value });
        setStatus('Demo schedule changed: ask again to see the new answers.');
      } catch (e) {
        setStatus(e.message, true);
      }
    });
  }

  function composer(form, ask) {
    const input = form.querySelector('input');
    form.addEventListener('submit', event => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      ask(text);
    });
  }

  async function start() {
    session = await (await fetch('/playground/session')).json();
    feedAfter = session.feed;
    const { teams, slack } = session;
    panes.set(`teams|${teams.chat}`, $('[data-testid="teams-messages"]'));
    panes.set(`teams|${teams.announcements}`, $('[data-testid="announcements-teams"]'));
    panes.set(`teams|${teams.champions}`, $('[data-testid="champions-teams"]'));
    panes.set(`slack|${slack.chat}`, $('[data-testid="slack-messages"]'));
    panes.set(`slack|${slack.announcements}`, $('[data-testid="announcements-slack"]'));
    panes.set(`slack|${slack.champions}`, $('[data-testid="champions-slack"]'));
    composer($('#teams-form'), askTeams);
    composer($('#slack-form'), askSlack);
    document.querySelectorAll('.try').forEach(chip => chip.addEventListener('click', () => {
      $('[data-testid="teams-input"]').value = chip.textContent;
      $('[data-testid="slack-input"]').value = chip.textContent;
    }));
    demoControl();
    const announceButtons = announceControls();
    follow();
    await join();
    if (!await untilSubscribed()) throw new Error('the bot did not subscribe the announcement channels');
    announceButtons.forEach(b => { b.disabled = false; });
    setStatus(`Ready. Times are shown in your time zone, ${timeZone}.`);
    document.body.dataset.ready = 'true';
  }

  start().catch(e => setStatus(`The playground could not start: ${e.message}`, true));
})();

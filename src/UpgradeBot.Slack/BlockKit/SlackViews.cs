using System.Text;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Subscriptions;

namespace UpgradeBot.Slack.BlockKit;

/// <summary>Draws Core's settings form as a modal and a customer's overview as a Home tab; decides nothing itself.</summary>
public static class SlackViews
{
    /// <summary>
    /// The settings modal: inputs for whoever may change the settings, the values and who may change
    /// them for everyone else. Each input block is named after its field, so the messages of
    /// <c>response_action: errors</c> (keyed by block) land beside the field that was not right.
    /// </summary>
    public static ModalView Modal(CustomerSettingsForm form)
    {
        var blocks = new List<Block>();
        if (form.Message is { } message)
        {
            blocks.Add(SlackRenderer.Section($"*{Mrkdwn.Escape(message)}*"));
        }

        blocks.Add(SlackRenderer.Section(Mrkdwn.Escape(CustomerSettingsForm.Purpose)));
        if (form.Editable)
        {
            blocks.AddRange(Inputs(form));
        }
        else
        {
            blocks.Add(SlackRenderer.SettingsFacts(form.Values));
        }

        blocks.Add(SlackRenderer.SettingsContext(form));
        return new ModalView(new PlainText("UpgradeBot settings"), blocks)
        {
            CallbackId = CustomerSettingsFields.SubmitVerb,
            Submit = form.Editable ? new PlainText("Save") : null,
            Close = new PlainText(form.Editable ? "Cancel" : "Close"),
        };
    }

    /// <summary>
    /// One person's Home tab: the current or next upgrade (times in their own zone), what to expect
    /// now, where announcements go in this workspace, the settings, and buttons to change them
    /// (for whoever may) and to ask a question (<paramref name="askUrl"/>, the app's messages).
    /// </summary>
    public static HomeView Home(CustomerOverview overview, Uri? askUrl)
    {
        var status = overview.Status;
        var blocks = new List<Block>
        {
            SlackRenderer.Header("UpgradeBot"),
            SlackRenderer.Section($"*{Mrkdwn.Escape(status.Headline)}*"),
        };
        if (status.Upgrade is { } upgrade)
        {
            blocks.Add(SlackRenderer.UpgradeFacts(upgrade, status.GraceDeadline));
        }

        if (SlackRenderer.Links(status.Upgrade?.StatusUrl, status.CalendarUrl) is { } links)
        {
            blocks.Add(links);
        }

        blocks.Add(new DividerBlock());
        blocks.Add(SlackRenderer.Section(Outlook(overview.Outlook)));
        blocks.Add(new DividerBlock());
        blocks.Add(SlackRenderer.Section(Channels(overview.Channels)));
        blocks.Add(new DividerBlock());
        blocks.Add(SlackRenderer.Section($"*{CustomerSettingsForm.Title}*"));
        blocks.Add(SlackRenderer.SettingsFacts(overview.Settings.Values));
        blocks.Add(SlackRenderer.SettingsContext(overview.Settings));

        var buttons = new List<ButtonElement>();
        if (overview.Settings.Editable)
        {
            buttons.Add(new ButtonElement(new PlainText(SlackRenderer.SettingsButtonTitle), SlackRenderer.SettingsActionId, Style: "primary"));
        }

        if (askUrl is not null)
        {
            // It only opens the app's messages: its click needs no answer.
            buttons.Add(new ButtonElement(new PlainText("Ask me a question"), "ask_question", Url: askUrl));
        }

        if (buttons.Count > 0)
        {
            blocks.Add(new ActionsBlock(buttons));
        }

        return new HomeView(blocks);
    }

    private static string Outlook(Core.Answers.Outlook outlook)
    {
        var text = new StringBuilder("*What to expect now*\n").Append(Mrkdwn.Escape(outlook.Text));
        foreach (var symptom in outlook.Symptoms)
        {
            text.Append("\n• ").Append(Mrkdwn.Escape(symptom));
        }

        if (outlook.Advice is { } advice)
        {
            text.Append("\n\n").Append(Mrkdwn.Escape(advice));
        }

        return text.ToString();
    }

    private static string Channels(IReadOnlyList<Subscription> channels)
    {
        var text = new StringBuilder("*Upgrade announcements in this workspace*");
        if (channels.Count == 0)
        {
            return text.Append("\nNo channel gets them yet. To get them in a channel, invite me there: `/invite @UpgradeBot`.").ToString();
        }

        foreach (var channel in channels.Take(40))
        {
            // A channel id renders as the channel's name, as each reader may see it; a DM has no such name.
            text.Append("\n• ").Append(channel.Key.ChannelId.StartsWith('D') ? "Our direct messages" : $"<#{Mrkdwn.Escape(channel.Key.ChannelId)}>");
        }

        if (channels.Count > 40)
        {
            text.Append("\n• and ").Append(channels.Count - 40).Append(" more");
        }

        return text.ToString();
    }

    private static IEnumerable<Block> Inputs(CustomerSettingsForm form)
    {
        var options = CustomerSettingsFields.DeploymentChoices.Select(c => new OptionObject(new PlainText(c.Title), c.Value)).ToList();
        yield return new InputBlock(
            CustomerSettingsFields.Deployment.Id,
            new PlainText(CustomerSettingsFields.Deployment.Label),
            new StaticSelectElement(CustomerSettingsFields.Deployment.Id, options)
            {
                InitialOption = options.FirstOrDefault(o => o.Value == form.Values.Deployment),
            });
        yield return new InputBlock(
            CustomerSettingsFields.AccountId.Id,
            new PlainText(CustomerSettingsFields.AccountId.Label),
            new PlainTextInputElement(CustomerSettingsFields.AccountId.Id)
            {
                InitialValue = form.Values.AccountId,
                MaxLength = CustomerSettingsRules.MaxAccountIdLength,
            })
        {
            Hint = new PlainText(Mrkdwn.Truncate(form.AccountIdHint, 2000)),
            Optional = true,
        };
        yield return new InputBlock(
            CustomerSettingsFields.SupportContact.Id,
            new PlainText(CustomerSettingsFields.SupportContact.Label),
            new EmailInputElement(CustomerSettingsFields.SupportContact.Id) { InitialValue = form.Values.SupportContact })
        {
            Hint = new PlainText("One of your organization's named support contacts: our support team takes cases from them."),
            Optional = true,
        };
    }
}

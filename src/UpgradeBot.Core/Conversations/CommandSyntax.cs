namespace UpgradeBot.Core.Conversations;

/// <summary>How a platform's users say a command to the bot, so Core's wording can name it: <c>type "help"</c>, <c>use /upgrade help</c>.</summary>
/// <param name="Template">A format with <c>{0}</c> where the command goes.</param>
public sealed record CommandSyntax(string Template)
{
    public string Say(string command) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, command);
}

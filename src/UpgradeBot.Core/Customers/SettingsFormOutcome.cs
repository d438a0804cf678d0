namespace UpgradeBot.Core.Customers;

/// <summary>What became of the form the person last sent, if anything.</summary>
public enum SettingsFormOutcome
{
    /// <summary>Shown to be read or filled in; nothing was sent.</summary>
    Shown,

    Saved,

    /// <summary>Some fields were not right; <see cref="CustomerSettingsForm.Errors"/> says which. Nothing was stored.</summary>
    Invalid,

    /// <summary>The person may not change the settings (or that could not be checked). Nothing was stored.</summary>
    Refused,
}

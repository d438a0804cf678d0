namespace UpgradeBot.Teams.Cards;

/// <summary>
/// An input (1.3+): its <see cref="Id"/> names its value in what an <c>Action.Execute</c> or
/// <c>Action.Submit</c> sends back. The client shows <see cref="ErrorMessage"/> when its own check
/// (<see cref="IsRequired"/>) fails before sending.
/// </summary>
public abstract record CardInput(string Id) : CardElement
{
    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    public string? ErrorMessage { get; init; }
}

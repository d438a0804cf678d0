namespace UpgradeBot.Core.Escalation;

/// <summary>
/// A Customer Champions destination that opens a ticket for each new escalation: the message id of
/// its send is the ticket's id, which the Champions' posts and the requester are then shown. The
/// ticket is worked in the help desk, so state changes are not sent there.
/// </summary>
public interface IHelpDesk : IMessenger;

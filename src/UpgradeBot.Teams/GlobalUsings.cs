// The namespaces used across this project; a file imports any other it needs itself.
global using Microsoft.Extensions.Logging;

global using UpgradeBot.Core.Messaging;
global using UpgradeBot.Teams.Cards;

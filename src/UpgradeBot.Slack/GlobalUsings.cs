// The namespaces used across this project; a file imports any other it needs itself.
global using System.Text.Json;
global using System.Text.Json.Serialization;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;

global using UpgradeBot.Core.Messaging;
global using UpgradeBot.Slack.Api;
global using UpgradeBot.Slack.BlockKit;
global using UpgradeBot.Slack.Installations;

// The namespaces used across this project; a file imports any other it needs itself.
global using Microsoft.Extensions.Logging;

global using UpgradeBot.Core.Answers;
global using UpgradeBot.Core.Configuration;
global using UpgradeBot.Core.Customers;
global using UpgradeBot.Core.Deployments;
global using UpgradeBot.Core.Messaging;
global using UpgradeBot.Core.Schedule;
global using UpgradeBot.Core.Subscriptions;

// The namespaces used across this project; a file imports any other it needs itself.
global using System.Text.Json;
global using Microsoft.Extensions.Options;

global using UpgradeBot.Core.Background;
global using UpgradeBot.Core.Configuration;
global using UpgradeBot.Core.Schedule;
global using UpgradeBot.Hosting;

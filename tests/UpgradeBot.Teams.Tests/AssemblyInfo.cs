// The real-client check reads the cards every other test of this assembly wrote, so it must run
// after them (RealClientsLast), and collections must not run side by side for that order to hold.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
[assembly: TestCollectionOrderer(typeof(UpgradeBot.Teams.Tests.RealClientsLast))]

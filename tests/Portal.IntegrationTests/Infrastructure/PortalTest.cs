namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Base of integration test classes: one host per class (its own database), and a failure when
/// anything logged an error during the test.
/// </summary>
public abstract class PortalTest<TFactory> : IClassFixture<TFactory>, IDisposable where TFactory : PortalFactory
{
    protected PortalTest(TFactory factory)
    {
        Factory = factory;
        World = new TestWorld(factory);
        _ = factory.Services; // start the host (migrations run) before the test's own work
        factory.Logs.Clear();
    }

    protected TFactory Factory { get; }

    protected TestWorld World { get; }

    /// <summary>For a test that provokes an error on purpose and checks it.</summary>
    protected void ExpectLoggedErrors() => Factory.Logs.Clear();

    public void Dispose()
    {
        var errors = Factory.Logs.Errors;
        Factory.Logs.Clear();
        Assert.True(errors.Count == 0, "Errors were logged:\n" + string.Join("\n", errors));
        GC.SuppressFinalize(this);
    }
}

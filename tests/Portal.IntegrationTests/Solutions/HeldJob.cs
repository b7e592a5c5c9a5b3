using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Jobs;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>A leased job the scheduler keeps off while a test holds it, so the test decides when it runs (imports, exports).</summary>
internal static class HeldJob
{
    /// <summary>Takes the job's lease for an hour; let go when the result is disposed.</summary>
    public static async Task<IAsyncDisposable> HoldAsync(PortalFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var lease = await db.Set<JobLease>().AsNoTracking().FirstOrDefaultAsync(l => l.Name == name);
            if (lease is null)
            {
                db.Add(new JobLease { Name = name, Holder = "test", ExpiresAt = DateTime.UtcNow.AddHours(1) });
                await db.SaveChangesAsync();
                break;
            }

            var held = await db.Set<JobLease>().Where(l => l.Name == name && l.RunningSince == null)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddHours(1)).SetProperty(l => l.Holder, "test"));
            if (held == 1) break;
            Assert.True(DateTime.UtcNow < deadline, $"The job {name} kept running for 20 s.");
            await Task.Delay(50);
        }

        return new Release(factory, name);
    }

    /// <summary>Runs the job now under its lease, then holds it again for the rest of the test (Run now leaves the next run due in a second).</summary>
    public static async Task<JobRunOutcome> RunAsync(PortalFactory factory, string name)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<JobRunner>().RunNowAsync(name);
        Assert.Null(outcome.Run?.Error);
        await HoldAsync(factory, name);
        return outcome;
    }

    private sealed class Release(PortalFactory factory, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<JobLease>().Where(l => l.Name == name && l.Holder == "test")
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.UtcNow));
        }
    }
}

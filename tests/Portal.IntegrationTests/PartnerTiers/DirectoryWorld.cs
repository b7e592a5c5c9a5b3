using System.Collections.Concurrent;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Directory;
using PartnerPortal.PartnerTiers.Profiles;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// The portal with partner standings the test sets (the ledger's real ones come with its stream) and
/// every kernel event recorded, for the directory's and the Solution Center's tests.
/// </summary>
public sealed class DirectoryPortalFactory : PortalFactory
{
    public SetStandings Standings { get; } = new();

    public ConcurrentQueue<PortalEvent> Events { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IPartnerStanding>();
            services.AddSingleton<IPartnerStanding>(Standings);
            services.AddSingleton<IPortalEventHandler>(new Recorder(Events));
        });
    }

    /// <summary>Standings as the test says; every other partner stands untiered.</summary>
    public sealed class SetStandings : IPartnerStanding
    {
        public ConcurrentDictionary<Guid, PartnerStanding> Set { get; } = new();

        public Task<IReadOnlyDictionary<Guid, PartnerStanding>> OfAsync(IReadOnlyCollection<Guid> partnerIds, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<Guid, PartnerStanding>>(partnerIds.Distinct().ToDictionary(id => id, id => Set.GetValueOrDefault(id) ?? PartnerStanding.None(id)));
    }

    private sealed class Recorder(ConcurrentQueue<PortalEvent> events) : IPortalEventHandler
    {
        public Task HandleAsync(PortalEvent portalEvent, CancellationToken cancellationToken)
        {
            events.Enqueue(portalEvent);
            return Task.CompletedTask;
        }
    }
}

public static class DirectoryWorld
{
    /// <summary>Writes a partner's profile as its admin would have saved it, and drops the directory's cache.</summary>
    public static async Task ProfileAsync(PortalFactory factory, TestWorld world, TestOrganization partner, string summary, string[]? regions = null, string[]? industries = null, bool listed = true)
    {
        await world.InTenantAsync(partner, async db =>
        {
            db.Add(new PartnerProfile
            {
                Summary = summary,
                Regions = ProfileChoices.Join(regions ?? ["Europe"]),
                Industries = ProfileChoices.Join(industries ?? ["Healthcare"]),
                ContactEmail = "hello@partner.test",
                Listed = listed,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return 0;
        });
        Invalidate(factory);
    }

    public static void Invalidate(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<PartnerDirectory>().Invalidate();
    }

    /// <summary>Posts a form whose fields repeat (check boxes), with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostPairsAsync(PortalClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (_, document) = await client.GetPageAsync(path);
        var token = (document.QuerySelector<IHtmlInputElement>("main input[name=__RequestVerificationToken]") ?? document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]"))!.Value;
        return await client.Http.PostAsync(path, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }
}

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A2, DESIGN "Tests": every page and endpoint the running app serves, read from its endpoint data
/// source (so a new page is covered without editing this test), is refused to everyone outside its
/// declared audience — on another tenant's host with a stolen cookie, on an unknown host, on the
/// platform host, signed out, without membership, with too low a role, deactivated, in the wrong
/// kind of organization, and where its module is switched off — and opens to its audience.
/// </summary>
public sealed class EndpointIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    /// <summary>One route of the app with what it declares.</summary>
    private sealed record Probe(string Route, string Path, Audience Who, string? Module, bool HasParameters, bool AcceptsPost)
    {
        public override string ToString() => Route;
    }

    [Fact]
    public void DeclareWhoMayOpenEveryEndpoint()
    {
        var endpoints = RouteEndpoints().ToList();
        var undeclared = endpoints.Where(e => e.Metadata.GetMetadata<Audience>() is null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(undeclared);
        // The matrix below is only worth something if it sees the app: the host's, every module's pages and a mapped endpoint.
        var routes = endpoints.Select(e => e.RoutePattern.RawText?.Trim('/').ToLowerInvariant()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "settings", "dashboard", "platform/organizations", "clients", "solutions", "clients/export.{format}", "consulting", "settings/consultant-seats", "settings/invoices", "settings/workspaces" }, routes);
    }

    [Fact]
    public async Task RefuseEveryoneOutsideTheAudienceOfEveryPageAndEndpoint()
    {
        var probes = Probes().Where(p => p.Who.Kind != AudienceKind.Anyone).ToList();
        Assert.True(probes.Count > 30, $"Only {probes.Count} protected routes were found.");
        var people = await PeopleAsync();
        var failures = new List<string>();

        foreach (var probe in probes)
        {
            foreach (var method in probe.AcceptsPost ? new[] { HttpMethod.Get, HttpMethod.Post } : [HttpMethod.Get])
            {
                if (probe.Who.Kind == AudienceKind.PlatformAdmins)
                {
                    await ExpectAsync(failures, probe, method, "on an organization's host, as its owner", people.ClientOwner, people.Client.Host, HttpStatusCode.NotFound);
                    await ExpectAsync(failures, probe, method, "on an unknown host", null, "no-such-org.portal.test", HttpStatusCode.NotFound);
                    await ExpectAsync(failures, probe, method, "signed out on the platform host", null, PortalFactory.PlatformDomain, HttpStatusCode.Redirect);
                    continue;
                }

                var home = probe.Who.OrganizationKind == OrganizationKind.Partner ? people.Partner : people.Client;
                var owner = home == people.Partner ? people.PartnerOwner : people.ClientOwner;
                var other = home == people.Partner ? people.Client : people.Partner;
                await ExpectAsync(failures, probe, method, "signed out", null, home.Host, HttpStatusCode.Redirect);
                var stranger = home == people.Partner ? people.StrangerPartner : people.StrangerClient;
                await ExpectAsync(failures, probe, method, "with the owner's cookie on another tenant's host", owner, home.Host, HttpStatusCode.Redirect, onHost: stranger.Host);
                await ExpectAsync(failures, probe, method, "on an unknown host", null, "no-such-org.portal.test", HttpStatusCode.NotFound);
                await ExpectAsync(failures, probe, method, "on the platform host, as a platform admin", people.PlatformAdmin, PortalFactory.PlatformDomain, HttpStatusCode.NotFound);
                await ExpectAsync(failures, probe, method, "signed in without membership", people.Outsider, home.Host, HttpStatusCode.Forbidden);
                await ExpectAsync(failures, probe, method, "as a deactivated member", home == people.Partner ? people.PartnerDeactivated : people.ClientDeactivated, home.Host, HttpStatusCode.Forbidden);
                if (probe.Who.MinRole > OrganizationRole.Member)
                {
                    var low = people.Below(home, probe.Who.MinRole);
                    await ExpectAsync(failures, probe, method, $"as a {probe.Who.MinRole - 1}", low, home.Host, HttpStatusCode.Forbidden);
                }

                if (probe.Who.OrganizationKind is not null)
                {
                    var otherOwner = other == people.Partner ? people.PartnerOwner : people.ClientOwner;
                    await ExpectAsync(failures, probe, method, $"in a {(other == people.Partner ? "partner" : "client")} organization, as its owner", otherOwner, other.Host, HttpStatusCode.NotFound);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests were not refused as declared:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task OpenEveryPageWithoutParametersToItsAudienceOnItsOwnHost()
    {
        var people = await PeopleAsync();
        var failures = new List<string>();
        var opened = 0;
        foreach (var probe in Probes().Where(p => !p.HasParameters && p.Who.Kind != AudienceKind.Anyone))
        {
            var (host, user) = probe.Who.Kind == AudienceKind.PlatformAdmins
                ? (PortalFactory.PlatformDomain, people.PlatformAdmin)
                : probe.Who.OrganizationKind == OrganizationKind.Partner
                    ? (people.Partner.Host, people.At(people.Partner, probe.Who.MinRole))
                    : (people.Client.Host, people.At(people.Client, probe.Who.MinRole));
            var response = await (await SignedInAsync(user, host)).GetAsync(probe.Path);
            if (response.StatusCode == HttpStatusCode.OK) opened++;
            else failures.Add($"GET {probe.Path} as {probe.Who.MinRole} answered {(int)response.StatusCode}, not 200");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(opened > 15, $"Only {opened} pages were opened.");
    }

    [Fact]
    public async Task AnswerNotFoundOnEveryPageAndEndpointOfAModuleSwitchedOff()
    {
        var people = await PeopleAsync();
        var probes = Probes().Where(p => p.Module is not null && p.Who.Kind == AudienceKind.Members).ToList();
        Assert.Contains(probes, p => p.Module == "Resellers");
        Assert.Contains(probes, p => p.Module == "Solutions");
        Assert.Contains(probes, p => p.Module == "ConsultantSeats");
        foreach (var module in probes.Select(p => p.Module!).Distinct())
        {
            await SwitchAsync(people.Partner, module, on: false);
            await SwitchAsync(people.Client, module, on: false);
        }

        var failures = new List<string>();
        foreach (var probe in probes)
        {
            var (home, owner) = probe.Who.OrganizationKind == OrganizationKind.Partner ? (people.Partner, people.PartnerOwner) : (people.Client, people.ClientOwner);
            await ExpectAsync(failures, probe, HttpMethod.Get, $"as the owner, with {probe.Module} switched off", owner, home.Host, HttpStatusCode.NotFound);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task SwitchAsync(TestOrganization organization, string module, bool on)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var changes = await scope.ServiceProvider.GetRequiredService<ModuleSettings>().SaveAsync(organization.Id, new Dictionary<string, bool?> { [module] = on });
        Assert.NotNull(changes);
    }

    private IEnumerable<RouteEndpoint> RouteEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private IReadOnlyList<Probe> Probes() => RouteEndpoints()
        .Where(e => e.Metadata.GetMetadata<Audience>() is not null)
        .Select(e => new Probe(
            e.RoutePattern.RawText ?? string.Empty,
            PathOf(e.RoutePattern),
            e.Metadata.GetMetadata<Audience>()!,
            e.Metadata.GetMetadata<OfModule>()?.Name,
            e.RoutePattern.Parameters.Count > 0,
            e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("POST")))
        .DistinctBy(p => p.Path)
        .ToList();

    /// <summary>A concrete path for a route: fresh ids for guid parameters (ids of nothing), a plain word for the rest.</summary>
    private static string PathOf(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
            {
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { IsOptional: true } => string.Empty,
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.NewGuid().ToString(),
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "1",
                    RoutePatternParameterPart { Name: "format" } => "csv",
                    _ => "x",
                });
            }

            if (text.Length > 0) path.Append('/').Append(text);
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private async Task ExpectAsync(List<string> failures, Probe probe, HttpMethod method, string who, PersonAt? person, string host, HttpStatusCode expected, string? onHost = null)
    {
        var request = new HttpRequestMessage(method, probe.Path);
        if (method == HttpMethod.Post) request.Content = new FormUrlEncodedContent([]);
        HttpResponseMessage response;
        if (person is null)
        {
            using var anonymous = Factory.ClientFor(host);
            response = await anonymous.Http.SendAsync(request);
        }
        else if (onHost is not null)
        {
            // The session cookie of one host, replayed on another.
            var cookie = (await SignedInAsync(person, host)).Jar.GetCookies(new Uri($"http://{host}/"))[".portal.session"]!;
            using var thief = Factory.ClientFor(onHost);
            request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
            response = await thief.Http.SendAsync(request);
        }
        else
        {
            response = await (await SignedInAsync(person, host)).Http.SendAsync(request);
        }

        var ok = response.StatusCode == expected
                 && (expected != HttpStatusCode.Redirect || response.Headers.Location is { } location
                     && (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString).StartsWith("/account/signin?ReturnUrl=", StringComparison.Ordinal));
        if (!ok)
        {
            failures.Add($"{method} {probe.Path} {who}: {(int)response.StatusCode} {response.Headers.Location}, expected {(int)expected}");
        }
    }

    /// <summary>One signed-in client per person and host for the whole test (signing in hashes a password: slow on purpose).</summary>
    private async Task<PortalClient> SignedInAsync(PersonAt person, string host)
    {
        if (_sessions.TryGetValue((person, host), out var client)) return client;
        client = Factory.ClientFor(host);
        var signIn = await client.SignInAsync(person.User.Email!);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        _sessions[(person, host)] = client;
        return client;
    }

    private readonly Dictionary<(PersonAt, string), PortalClient> _sessions = [];

    private async Task<People> PeopleAsync()
    {
        var client = await World.CreateOrganizationAsync("Isolation Client");
        var partner = await World.CreateOrganizationAsync("Isolation Partner", OrganizationKind.Partner);
        var strangerClient = await World.CreateOrganizationAsync("Isolation Stranger");
        var strangerPartner = await World.CreateOrganizationAsync("Isolation Stranger Partner", OrganizationKind.Partner);
        async Task<PersonAt> MemberAsync(TestOrganization org, OrganizationRole role, bool deactivated = false)
        {
            var user = await World.CreateUserAsync();
            await World.AddMemberAsync(org, user, role);
            if (deactivated)
            {
                await World.InTenantAsync(org, db => db.Memberships.Where(m => m.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeactivatedAt, DateTime.UtcNow)));
            }

            return new PersonAt(user);
        }

        var roles = Enum.GetValues<OrganizationRole>();
        var clientPeople = new Dictionary<OrganizationRole, PersonAt>();
        var partnerPeople = new Dictionary<OrganizationRole, PersonAt>();
        foreach (var role in roles)
        {
            clientPeople[role] = await MemberAsync(client, role);
            partnerPeople[role] = await MemberAsync(partner, role);
        }

        await MemberAsync(strangerClient, OrganizationRole.Owner);
        await MemberAsync(strangerPartner, OrganizationRole.Owner);

        // Sign-in is refused where one has no membership (A6): the outsider signs in as a member, then stops being one.
        var outsider = new PersonAt(await World.CreateUserAsync());
        foreach (var org in new[] { client, partner })
        {
            await World.AddMemberAsync(org, outsider.User, OrganizationRole.Member);
            await SignedInAsync(outsider, org.Host);
            await World.EndMembershipAsync(org, outsider.User);
        }

        return new People(
            client, partner, strangerClient, strangerPartner, clientPeople, partnerPeople,
            ClientDeactivated: await MemberAsync(client, OrganizationRole.Owner, deactivated: true),
            PartnerDeactivated: await MemberAsync(partner, OrganizationRole.Owner, deactivated: true),
            Outsider: outsider,
            PlatformAdmin: new PersonAt(await World.CreateUserAsync(platformAdmin: true)));
    }

    /// <summary>A person of the test world (a record so a failure message can name them).</summary>
    private sealed record PersonAt(PortalUser User);

    private sealed record People(
        TestOrganization Client,
        TestOrganization Partner,
        TestOrganization StrangerClient,
        TestOrganization StrangerPartner,
        IReadOnlyDictionary<OrganizationRole, PersonAt> ClientPeople,
        IReadOnlyDictionary<OrganizationRole, PersonAt> PartnerPeople,
        PersonAt ClientDeactivated,
        PersonAt PartnerDeactivated,
        PersonAt Outsider,
        PersonAt PlatformAdmin)
    {
        public PersonAt ClientOwner => ClientPeople[OrganizationRole.Owner];

        public PersonAt PartnerOwner => PartnerPeople[OrganizationRole.Owner];

        public PersonAt At(TestOrganization org, OrganizationRole role) => (org == Partner ? PartnerPeople : ClientPeople)[role];

        public PersonAt Below(TestOrganization org, OrganizationRole role) => At(org, role - 1);
    }
}

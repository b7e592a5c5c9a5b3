using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Data;
using PartnerPortal.Solutions;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Consultant seats (issue 11): a signed-in consultant's page costs no more database commands than
/// a member's. Northwind's certified consultant, seated in Contoso's "General" workspace, and a plain
/// member of Contoso in the same workspace each see <see cref="Visible"/> of Contoso's
/// <see cref="Solutions"/> solutions (the consultant's own work and what they were given; the
/// member's assignments) and open the same pages, one portal on a real port and one SQLite file.
/// Per page: commands per request of each (only those run while serving a request: the jobs'
/// polls are not billed to a page), the ratio consultant/member (target &lt;= 1.00), and req/s of
/// both as information.
/// </summary>
public static partial class SeatsScenario
{
    public const int Solutions = 300;
    public const int Visible = 20;
    public const int Records = 500;
    public const int Colleagues = 25;
    public const double Target = 1.0;
    private const int Concurrency = 4;
    private const string Password = "Bench-password-1";

    /// <summary>The pages each of them uses, by name; {workspace} and {solution} are filled in.</summary>
    private static readonly (string Name, string Path)[] Pages =
    [
        ("home", "/dashboard"),
        ("workspace", "/workspaces/{workspace}"),
        ("workspaces", "/workspaces"),
        ("solutions list", "/solutions"),
        ("solution", "/solutions/{solution}"),
        ("records table", "/solutions/{solution}/tables/patients"),
        ("consultant seat", "/consultant-seat"),
    ];

    public static async Task<bool> RunAsync(bool smoke, TextWriter output)
    {
        DatabaseCommands.StartCounting();
        var watch = Stopwatch.StartNew();
        var count = smoke ? Solutions / 5 : Solutions;
        Organization northwind = new() { Name = "Northwind Consulting", Slug = "northwind", Kind = OrganizationKind.Partner, CreatedAt = DateTime.UtcNow };
        Organization contoso = new() { Name = "Contoso Clinic", Slug = "contoso", Kind = OrganizationKind.Client, CreatedAt = DateTime.UtcNow };
        await using var portal = await PortalHost.StartAsync("seats", [northwind, contoso]);
        var seeded = await SeedAsync(portal, northwind, contoso, count);
        output.WriteLine($"Consultant seats: seeded {count:N0} solutions ({Visible} seen by each), {Records:N0} records and {Colleagues} colleagues in {watch.Elapsed.TotalSeconds:F1} s");

        var host = $"{contoso.Slug}.{PortalHost.PlatformDomain}";
        using var consultant = await portal.SignedInAsync(host, seeded.Consultant, Password);
        using var member = await portal.SignedInAsync(host, seeded.Member, Password);
        await CheckAsync(consultant, member);

        var rounds = smoke ? 3 : 6;
        var perRound = smoke ? 15 : 60;
        var passed = true;
        var lines = new List<string>();
        foreach (var (name, template) in Pages)
        {
            var path = template.Replace("{workspace}", seeded.Workspace.ToString()).Replace("{solution}", seeded.Solution.ToString());
            await LoadAsync(consultant, path, perRound);
            await LoadAsync(member, path, perRound);
            var (consultantRounds, memberRounds) = await PageLoad.AlternateAsync(rounds, () => LoadAsync(consultant, path, perRound), () => LoadAsync(member, path, perRound));

            var of = Load.Median(consultantRounds);
            var against = Load.Median(memberRounds);
            var ratio = of.Commands / against.Commands;
            var ok = ratio <= Target;
            passed &= ok;
            lines.Add($"  {name,-16} {template,-37} {against.Commands,7:F2} {of.Commands,10:F2} {ratio,6:F2} {against.PerSecond,9:F0} {of.PerSecond,9:F0} {against.PerCpuSecond,9:F0} {of.PerCpuSecond,9:F0} {of.PerCpuSecond / against.PerCpuSecond,7:F2}   <= {Target:F2}: {(ok ? "PASS" : "FAIL")}");
        }

        output.WriteLine($"Per page, medians of {rounds} rounds of {perRound} requests ({Concurrency} at a time): DB commands per request of the member and the consultant and");
        output.WriteLine("their ratio (the verdict); as information req/s (wall) and req/CPU-s of each, and the consultant's req/CPU-s against the member's:");
        output.WriteLine($"  {"page",-16} {"path",-37} {"member",7} {"consultant",10} {"ratio",6} {"member/s",9} {"consult/s",9} {"m/CPU-s",9} {"c/CPU-s",9} {"ratio",7}   target");
        foreach (var line in lines) output.WriteLine(line);
        output.WriteLine("  The once-a-minute last-activity stamp adds a command to at most one round per minute of each; the medians leave it out.");
        return passed;
    }

    private sealed record Seeded(string Consultant, string Member, Guid Workspace, Guid Solution);

    /// <summary>
    /// One round: requests per second (wall), per second of this process's CPU (portal and client,
    /// which other processes on a shared machine do not move) and database commands per request.
    /// </summary>
    private readonly record struct Load(double PerSecond, double PerCpuSecond, double Commands)
    {
        public static Load Median(IReadOnlyList<Load> rounds) => new(
            Statistics.Median(rounds.Select(r => r.PerSecond)), Statistics.Median(rounds.Select(r => r.PerCpuSecond)), Statistics.Median(rounds.Select(r => r.Commands)));
    }

    private static async Task<Load> LoadAsync(HttpClient client, string path, int requests)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var commands = DatabaseCommands.ServingRequests;
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = await PageLoad.SendAsync(client, path, requests, Concurrency);
        return new Load(requests / wall.TotalSeconds, requests / (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, (double)(DatabaseCommands.ServingRequests - commands) / requests);
    }

    /// <summary>Before timing, each must see what the comparison assumes: as many solutions, and the seat only for the consultant.</summary>
    private static async Task CheckAsync(HttpClient consultant, HttpClient member)
    {
        foreach (var (who, client) in new[] { ("consultant", consultant), ("member", member) })
        {
            var listed = SolutionLink().Count(await client.GetStringAsync("/solutions"));
            if (listed != Visible) throw new InvalidOperationException($"The {who}'s solutions list shows {listed} solutions, not {Visible}.");
        }

        if (!(await consultant.GetStringAsync("/dashboard")).Contains("Your consultant seat", StringComparison.Ordinal)) throw new InvalidOperationException("The consultant's home shows no seat.");
        if (!(await consultant.GetStringAsync("/consultant-seat")).Contains("Leave the seat in General", StringComparison.Ordinal)) throw new InvalidOperationException("The consultant's seat page shows no seat.");
        if (!(await member.GetStringAsync("/consultant-seat")).Contains("You hold no consultant seat here.", StringComparison.Ordinal)) throw new InvalidOperationException("The member's seat page shows a seat.");
    }

    /// <summary>
    /// Northwind with its certified consultant; Contoso with an owner, the member, colleagues, three
    /// workspaces and <paramref name="count"/> solutions, most in "General". The consultant takes the
    /// seat as an accepted invitation does (the module's own service). The first <see cref="Visible"/>
    /// are in General: the member is given all of them; the consultant built half and was given the
    /// rest. The last of them, which both see, holds the records.
    /// </summary>
    private static async Task<Seeded> SeedAsync(PortalHost portal, Organization northwind, Organization contoso, int count)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PortalDbContext>();
        var tenants = services.GetRequiredService<ITenantContext>();
        var now = DateTime.UtcNow;
        var consultant = await UserAsync(services, "consultant@northwind.test", "Casey Consultant");
        var owner = await UserAsync(services, "owner@contoso.test", "Olivia Owner");
        var member = await UserAsync(services, "member@contoso.test", "Morgan Member");

        using (tenants.Change(TenantInfo.From(northwind, PortalHost.PlatformDomain)))
        {
            db.Memberships.Add(new Membership { UserId = consultant.Id, Role = OrganizationRole.Member, CreatedAt = now });
            db.Add(new ConsultantCertification { UserId = consultant.Id, Level = "Certified consultant", ValidUntil = DateOnly.FromDateTime(now).AddYears(1), GrantedAt = now });
            await db.SaveChangesAsync();
        }

        using var inContoso = tenants.Change(TenantInfo.From(contoso, PortalHost.PlatformDomain));
        Workspace[] workspaces = [new() { Name = "General", CreatedAt = now }, new() { Name = "Front desk", CreatedAt = now }, new() { Name = "Board", CreatedAt = now }];
        var general = workspaces[0];
        db.Workspaces.AddRange(workspaces);
        db.AccountSubscriptions.Add(new PartnerPortal.Billing.AccountSubscription { PlanId = PartnerPortal.Billing.Plan.Seeded.ProId, ChangedAt = now });
        db.Memberships.Add(new Membership { UserId = owner.Id, Role = OrganizationRole.Owner, CreatedAt = now });
        db.Memberships.Add(new Membership { UserId = member.Id, Role = OrganizationRole.Member, CreatedAt = now });
        db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = general.Id, UserId = owner.Id, Role = WorkspaceRole.Admin, CreatedAt = now });
        db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = general.Id, UserId = member.Id, Role = WorkspaceRole.Member, CreatedAt = now });
        for (var i = 0; i < Colleagues; i++)
        {
            // Nobody signs in as them: no password to hash.
            var email = $"colleague{i}@contoso.test";
            var colleague = new PortalUser
            {
                Email = email, UserName = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
                EmailConfirmed = true, DisplayName = $"Colleague {i}", CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(colleague);
            db.Memberships.Add(new Membership { UserId = colleague.Id, Role = OrganizationRole.Member, CreatedAt = now });
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspaces[i % workspaces.Length].Id, UserId = colleague.Id, Role = WorkspaceRole.Member, CreatedAt = now });
        }

        await db.SaveChangesAsync();
        var (seat, refused) = await services.GetRequiredService<Seating>().TakeAsync(general.Id, consultant, northwind.Id, SeatOrigin.Invitation);
        if (seat is null) throw new InvalidOperationException($"The consultant could not take the seat: {refused}");

        var library = services.GetRequiredService<SolutionLibrary>();
        var solutions = new List<Solution>();
        for (var i = 0; i < count; i++)
        {
            var read = PackageReader.Read(SolutionsScenario.Package.Replace("\"Clinic\"", $"\"App {i:000}\"", StringComparison.Ordinal));
            if (!read.IsValid) throw new InvalidOperationException(string.Join("; ", read.Errors));
            var workspace = i < Visible ? general : workspaces[i % workspaces.Length];
            solutions.Add(library.AddPublished(workspace.Id, read.Package!, i < Visible / 2 ? consultant.Id : owner.Id));
        }

        foreach (var solution in solutions.Take(Visible)) db.Add(new SolutionAssignment { SolutionId = solution.Id, UserId = member.Id });
        foreach (var solution in solutions.Skip(Visible / 2).Take(Visible - Visible / 2)) db.Add(new SolutionAssignment { SolutionId = solution.Id, UserId = consultant.Id });
        await db.SaveChangesAsync();

        var shared = solutions[Visible - 1];
        var definition = (await library.PublishedDefinitionAsync(shared, CancellationToken.None))!;
        await BulkRecords.AddAsync(db, services.GetRequiredService<RecordStore>(), shared, definition, definition.Table("patients")!, Records, i => SolutionsScenario.Row(i, Records));
        return new Seeded(consultant.Email!, member.Email!, general.Id, shared.Id);
    }

    private static async Task<PortalUser> UserAsync(IServiceProvider services, string email, string name)
    {
        var user = new PortalUser { Email = email, UserName = email, EmailConfirmed = true, DisplayName = name };
        var created = await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        return user;
    }

    [GeneratedRegex("<a href=\"/solutions/[0-9a-f-]{36}\">")]
    private static partial Regex SolutionLink();
}

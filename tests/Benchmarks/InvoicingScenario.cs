using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.Data;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// Consultant invoices (C10, issue 11): one pass of the monthly job over 10,000 SLAs (10,000
/// clients, each with an owner to e-mail; ten consultants of one partner, each numbering their
/// own) issues every invoice in under 60 s; a second pass for the same month issues nothing, and
/// its time against the first is reported as the ratio. E-mail is queued, not sent, in the timing.
/// </summary>
public static class InvoicingScenario
{
    public const int Slas = 10_000;
    public const int Consultants = 10;
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(60);

    public static async Task<bool> RunAsync(bool smoke, TextWriter output)
    {
        var count = smoke ? 1_000 : Slas;
        // The job's own schedule and the outbox stay off: only the measured passes run.
        using var host = new BenchmarkHost(new Dictionary<string, string>
        {
            ["ConsultantSeats:InvoiceJobInterval"] = "00:00:00",
            ["Mail:PollInterval"] = "01:00:00",
        });
        var seeding = Stopwatch.StartNew();
        await SeedAsync(host, count);
        output.WriteLine($"Consultant invoices: seeded {count:N0} SLAs of {Consultants} consultants with {count:N0} clients in {seeding.Elapsed.TotalSeconds:F1} s");

        var month = new DateTime(2026, 3, 1, 0, 30, 0, DateTimeKind.Utc);
        var (first, firstTime) = await PassAsync(host, month);
        var (second, secondTime) = await PassAsync(host, month.AddHours(1));
        var (invoices, outbox, gaps) = await CheckAsync(host);

        var issuedAll = first.Issued == count && invoices == count && outbox == count && gaps == 0;
        var fast = firstTime < Target;
        var nothingTwice = second.Issued == 0 && second.MarkedOverdue == 0;
        output.WriteLine($"  first pass   {first.Issued,6:N0} invoices in {firstTime.TotalSeconds,6:F1} s ({firstTime.TotalMilliseconds / Math.Max(1, first.Issued):F2} ms each; goal < {Target.TotalSeconds:F0} s): {(fast && issuedAll ? "PASS" : "FAIL")}");
        output.WriteLine($"  second pass  {second.Issued,6:N0} invoices in {secondTime.TotalMilliseconds,6:F0} ms (ratio {secondTime / firstTime:F4} of the first; goal: nothing issued twice): {(nothingTwice ? "PASS" : "FAIL")}");
        output.WriteLine($"  stored: {invoices:N0} invoices, {outbox:N0} e-mails queued, {gaps} gaps or repeats in the consultants' numbers");
        return (fast || smoke) && issuedAll && nothingTwice;
    }

    private static async Task<(InvoicingPass Pass, TimeSpan Time)> PassAsync(BenchmarkHost host, DateTime now)
    {
        GC.Collect();
        await using var scope = host.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<ConsultantInvoicing>();
        var watch = Stopwatch.StartNew();
        var pass = await job.RunPassAsync(now);
        return (pass, watch.Elapsed);
    }

    /// <summary>How many invoices and queued e-mails there are, and whether each consultant's numbers run 1..n without a gap or a repeat.</summary>
    private static async Task<(int Invoices, int Outbox, int Gaps)> CheckAsync(BenchmarkHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var numbers = await db.Set<ConsultantInvoice>().IgnoreQueryFilters(["Tenant"]).Select(i => new { i.ConsultantUserId, i.Number }).ToListAsync();
        var gaps = numbers.GroupBy(n => n.ConsultantUserId)
            .Sum(g => g.Select(n => int.Parse(n.Number[(n.Number.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Order()
                .Select((sequence, index) => sequence == index + 1 ? 0 : 1).Sum());
        var outbox = await db.Outbox.IgnoreQueryFilters(["Tenant"]).CountAsync(m => m.Template == InvoiceIssuing.Template);
        return (numbers.Count, outbox, gaps);
    }

    /// <summary>One partner with <see cref="Consultants"/> consultants; <paramref name="count"/> clients, each with an owner and one SLA, as bulk SQL in one transaction.</summary>
    private static async Task SeedAsync(BenchmarkHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTime.UtcNow;
        var partner = new Organization { Name = "Invoicing Partners", Slug = "invoicing", Kind = OrganizationKind.Partner, CreatedAt = now };
        partner.Branding.MailFromName = "Invoicing Partners";
        partner.Branding.SupportEmail = "billing@invoicing.bench.test";
        var organizations = new List<Organization> { partner };
        var users = new List<PortalUser>();
        var memberships = new List<Membership>();
        var series = new List<InvoiceNumberSeries>();
        var consultants = new List<PortalUser>();
        for (var c = 0; c < Consultants; c++)
        {
            var consultant = User($"consultant{c}@invoicing.bench.test", $"Consultant {c}", now);
            consultants.Add(consultant);
            users.Add(consultant);
            memberships.Add(new Membership { TenantId = partner.Id, UserId = consultant.Id, Role = OrganizationRole.Member, CreatedAt = now });
            series.Add(new InvoiceNumberSeries { TenantId = partner.Id, ConsultantUserId = consultant.Id, Prefix = $"C{c}" });
        }

        var slas = new List<ServiceLevelAgreement>();
        for (var i = 0; i < count; i++)
        {
            var client = new Organization { Name = $"Client {i:00000}", Slug = $"inv-c{i}", CreatedAt = now };
            organizations.Add(client);
            var owner = User($"owner{i}@clients.bench.test", $"Owner {i}", now);
            users.Add(owner);
            memberships.Add(new Membership { TenantId = client.Id, UserId = owner.Id, Role = OrganizationRole.Owner, CreatedAt = now });
            slas.Add(new ServiceLevelAgreement
            {
                TenantId = client.Id, ConsultantUserId = consultants[i % Consultants].Id, PartnerId = partner.Id,
                MonthlyFee = 100m + (i % 50) * 10m, Currency = i % 3 == 0 ? "USD" : "EUR", PaymentTermsDays = 14, GracePeriodDays = 7,
                StartsOn = new DateOnly(2026, 1, 1), CreatedAt = now, PaymentInstructions = "Bank transfer, quoting the invoice number.",
            });
        }

        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tx = transaction.GetDbTransaction();
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, organizations);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, users);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, memberships);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, series);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, slas);
        await transaction.CommitAsync();
    }

    /// <summary>Someone to e-mail: no password, since nobody signs in.</summary>
    private static PortalUser User(string email, string name, DateTime now) => new()
    {
        Email = email, UserName = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
        EmailConfirmed = true, DisplayName = name, CreatedAt = now, SecurityStamp = Guid.NewGuid().ToString("N"),
    };
}

using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests;

/// <summary>T7 and the mail pipeline, delivered through a real SMTP server (aiosmtpd).</summary>
public sealed partial class MailShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task DeliverAQueuedMessageBrandedAsTheOrganization()
    {
        var org = await World.CreateOrganizationAsync("Brand & Co", configure: o =>
        {
            o.Branding.PrimaryColor = "#0E7C86";
            o.Branding.MailFromName = "Brand & Co";
            o.Branding.MailFromAddress = "hello@brand.test";
        });
        var to = $"{TestWorld.UniqueSlug("to")}@people.test";
        await QueueAsync(org, "invitation", to);

        var message = await Factory.Smtp.WaitForMessageAsync(to);
        Assert.Equal("You are invited to Brand & Co", message.Subject);
        // Not verified yet (T7): the platform's address under the organization's name, replies to the organization.
        Assert.Equal("no-reply@portal.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("Brand & Co", message.From.Mailboxes.Single().Name);
        Assert.Equal("hello@brand.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Null(message.Sender);
        Assert.Contains("#0E7C86", message.HtmlBody);
        Assert.Contains("Brand &amp; Co", message.HtmlBody);
        Assert.Contains("Brand & Co", message.TextBody);
        Assert.Contains($"http://{org.Host}/", message.TextBody);
        Assert.DoesNotContain("Cloudbase", message.TextBody!.Replace("Powered by Cloudbase", string.Empty)); // a direct client: only "Powered by"
    }

    [Fact]
    public async Task SendFromTheOrganizationsOwnAddressOnceItsDomainIsVerified()
    {
        var org = await World.CreateOrganizationAsync("Verified Co", configure: o =>
        {
            o.Branding.MailFromName = "Verified Co";
            o.Branding.MailFromAddress = "hello@verified.test";
            o.Branding.SenderDomainVerified = true;
        });
        var to = $"{TestWorld.UniqueSlug("to")}@people.test";
        await QueueAsync(org, "invitation", to);

        var message = await Factory.Smtp.WaitForMessageAsync(to);
        Assert.Equal("hello@verified.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("no-reply@portal.test", message.Sender!.Address); // the platform's technical address (anti-spam)
        Assert.Empty(message.ReplyTo);
    }

    [Fact]
    public async Task NeverNameThePlatformInAResellersClientsMail()
    {
        var reseller = await World.CreateOrganizationAsync("Reseller Ltd", OrganizationKind.Partner);
        var client = await World.CreateOrganizationAsync("White Label Client", reseller: reseller);
        var to = $"{TestWorld.UniqueSlug("to")}@people.test";
        await QueueAsync(client, "password-reset", to);

        var message = await Factory.Smtp.WaitForMessageAsync(to);
        Assert.DoesNotContain("Cloudbase", message.HtmlBody);
        Assert.DoesNotContain("Cloudbase", message.TextBody);
        Assert.DoesNotContain("Cloudbase", message.Subject);
        Assert.DoesNotContain("Cloudbase", message.From.ToString());
        Assert.Contains("White Label Client", message.Subject);
    }

    [Fact]
    public async Task UseAStableMessageIdFromTheOutbox()
    {
        var org = await World.CreateOrganizationAsync();
        var to = $"{TestWorld.UniqueSlug("to")}@people.test";
        var id = await QueueAsync(org, "invitation", to);
        var message = await Factory.Smtp.WaitForMessageAsync(to);
        Assert.Equal($"{id:N}@portal.test", message.MessageId);
        var sent = await SentAsync(World, m => m.Id == id);
        Assert.NotNull(sent.SentAt);
        Assert.Equal(1, sent.Attempts);
    }

    [Fact]
    public async Task QueueNothingWhenTheChangeThatCausedItIsNotSaved()
    {
        var org = await World.CreateOrganizationAsync();
        var to = $"{TestWorld.UniqueSlug("rolled-back")}@people.test";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
            using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Workspaces.Add(new Workspace { Name = "Will be rolled back" });
            scope.ServiceProvider.GetRequiredService<IMailer>().Queue("invitation", InvitationModel(), new MailRecipient(to));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.False(await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AnyAsync(m => m.ToAddress == to)));
    }

    [Fact]
    public async Task RejectLineBreaksInHeaders()
    {
        var org = await World.CreateOrganizationAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
        using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
        var mailer = scope.ServiceProvider.GetRequiredService<IMailer>();
        Assert.Throws<ArgumentException>(() => mailer.Queue("invitation", InvitationModel(), new MailRecipient("a@people.test\r\nBcc: victim@people.test")));
        Assert.Throws<ArgumentException>(() => mailer.Queue("invitation", InvitationModel(), new MailRecipient("a@people.test", "Name\nBcc: victim@people.test")));
    }

    [Fact]
    public async Task NeverSendOneMessageTwiceFromTwoDispatchers()
    {
        var org = await World.CreateOrganizationAsync();
        var recipients = Enumerable.Range(0, 12).Select(i => $"{TestWorld.UniqueSlug($"race{i}-")}@people.test").ToList();
        // Two extra dispatchers (as on two instances, each in its own scope and without the job's
        // lease) race the host's own for the same outbox: the per-message claim alone must hold.
        await using var firstScope = Factory.Services.CreateAsyncScope();
        await using var secondScope = Factory.Services.CreateAsyncScope();
        var first = firstScope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        var second = secondScope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        await using var firstTransport = new SmtpMailTransport(Factory.Services.GetRequiredService<IOptions<MailOptions>>());
        await using var secondTransport = new SmtpMailTransport(Factory.Services.GetRequiredService<IOptions<MailOptions>>());
        foreach (var to in recipients) await QueueAsync(org, "invitation", to);
        await Task.WhenAll(
            Task.Run(() => first.DispatchDueAsync(firstTransport, CancellationToken.None)),
            Task.Run(() => second.DispatchDueAsync(secondTransport, CancellationToken.None)));

        foreach (var to in recipients) await Factory.Smtp.WaitForMessageAsync(to);
        await Task.Delay(500);
        var counts = Factory.Smtp.Messages().SelectMany(m => m.To.Mailboxes).Where(a => recipients.Contains(a.Address)).GroupBy(a => a.Address).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(recipients, to => Assert.Equal(1, counts[to]));
    }

    private async Task<Guid> QueueAsync(TestOrganization org, string template, string to)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
        using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
        var model = template == "invitation" ? InvitationModel() : new Dictionary<string, string?> { ["email"] = to, ["reset_url"] = "http://x.test/reset" };
        var message = scope.ServiceProvider.GetRequiredService<IMailer>().Queue(template, model, new MailRecipient(to));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        return message.Id;
    }

    /// <summary>
    /// The outbox row once the dispatcher has marked it sent: the SMTP server stores a message
    /// before the dispatcher's update that follows the send, so a test that saw it arrive may be early.
    /// </summary>
    public static async Task<OutboxMessage> SentAsync(TestWorld world, System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> which)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var row = await world.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(which));
            if (row.SentAt is not null || DateTime.UtcNow > deadline) return row;
            await Task.Delay(50);
        }
    }

    private static Dictionary<string, string?> InvitationModel() => new()
    {
        ["inviter_name"] = "Ann",
        ["role"] = "member",
        ["accept_url"] = "http://x.test/accept",
        ["expires_days"] = "7",
    };

    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Link().Matches(message.TextBody ?? string.Empty).Select(m => m.Value).FirstOrDefault(u => u.Contains(path, StringComparison.Ordinal));
        return match ?? throw new InvalidOperationException($"No link to {path} in: {message.TextBody}");
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Link();
}

/// <summary>A message queued while the SMTP server is down arrives once it is back, without a restart.</summary>
public sealed class MailOutageShould : IAsyncLifetime
{
    private readonly SmtpServer _smtp = new(); // not started: the server is down
    private PortalFactory? _factory;

    public Task InitializeAsync()
    {
        _factory = new OutageFactory(_smtp.Port);
        _ = _factory.Server;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task DeliverAMessageSentWhileTheServerWasDown()
    {
        var world = new TestWorld(_factory!);
        var org = await world.CreateOrganizationAsync("Patient Co");
        var to = "waiting@people.test";
        await using (var scope = _factory!.Services.CreateAsyncScope())
        {
            var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
            using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
            scope.ServiceProvider.GetRequiredService<IMailer>().Queue("password-reset",
                new Dictionary<string, string?> { ["email"] = to, ["reset_url"] = "http://x.test/r" }, new MailRecipient(to));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        // The first attempt fails and is scheduled for a retry; nothing is lost.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        OutboxMessage? pending = null;
        while (DateTime.UtcNow < deadline)
        {
            pending = await world.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(m => m.ToAddress == to));
            if (pending.Attempts >= 1) break;
            await Task.Delay(100);
        }

        Assert.NotNull(pending);
        Assert.True(pending.Attempts >= 1, "The dispatcher never tried while the server was down.");
        Assert.Null(pending.SentAt);
        Assert.NotNull(pending.LastError);

        _smtp.Start();
        var message = await _smtp.WaitForMessageAsync(to, timeout: TimeSpan.FromSeconds(20));
        Assert.Equal("Reset your Patient Co password", message.Subject);
        var sent = await MailShould.SentAsync(world, m => m.ToAddress == to);
        Assert.NotNull(sent.SentAt);
        Assert.True(sent.Attempts >= 2);
        Assert.Empty(_factory!.Logs.Errors); // a failed send is a warning, not an error
    }

    public async Task DisposeAsync()
    {
        _factory?.Dispose();
        await _smtp.DisposeAsync();
    }

    private sealed class OutageFactory(int port) : PortalFactory(new Dictionary<string, string?>
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Smtp:Timeout"] = "00:00:03",
    });
}

/// <summary>With no SMTP server configured, mail becomes .eml files under the data folder.</summary>
public sealed class PickupFolderShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task WriteMessagesAsEmlFilesUnderTheDataFolder()
    {
        var org = await World.CreateOrganizationAsync("Offline Co");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
            using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
            scope.ServiceProvider.GetRequiredService<IMailer>().Queue("password-reset",
                new Dictionary<string, string?> { ["email"] = "eml@people.test", ["reset_url"] = "http://x.test/r" }, new MailRecipient("eml@people.test"));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        var folder = Path.Combine(Factory.DataDirectory, "mail");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (!Directory.Exists(folder) || Directory.GetFiles(folder, "*.eml").Length == 0)) await Task.Delay(100);
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var message = await MimeMessage.LoadAsync(file);
        Assert.Equal("Reset your Offline Co password", message.Subject);
        Assert.Equal("eml@people.test", message.To.Mailboxes.Single().Address);
    }
}
